import 'reflect-metadata';
import { describe, it, expect, beforeAll } from 'vitest';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { hubSchema } from '../../../server/src/app/schema.js';
import {
  looksLikeCredential,
  nestsDeeperThan,
  redactLegacyDetail,
  redactVariables,
  secretOperations,
  unmarkedCredentialFields,
  REDACTED,
} from '../../../server/src/audit/secret.rules.js';
import { withoutSubmittedValues } from '../../../server/src/core/format-error.js';

let hub: GraphQLSchema;
beforeAll(async () => {
  hub = await hubSchema();
});

describe('every credential in the schema is marked @Secret()', () => {
  // The rule that covers future operations: a new input field named like a credential fails here
  // until it carries @Secret(), and then the audit, the logs and the errors leave it out.
  it('finds no credential-named input field or argument without the mark', () => {
    expect(unmarkedCredentialFields(hub)).toEqual([]);
  });

  it('knows the password fields', () => {
    const marked = (type: string, field: string) => {
      const t = hub.getType(type) as unknown as { getFields(): Record<string, { extensions: Record<string, unknown> }> };
      return t.getFields()[field]!.extensions.secret;
    };
    for (const [type, field] of [
      ['LoginInput', 'password'],
      ['ChangePasswordInput', 'currentPassword'],
      ['ChangePasswordInput', 'newPassword'],
      ['CreateUserInput', 'password'],
      ['ResetPasswordInput', 'newPassword'],
    ])
      expect(marked(type!, field!), `${type}.${field}`).toBe(true);
  });

  it('fails for an unmarked one', () => {
    const schema = buildSchema(`
      input PinInput { cardId: ID!, pin: String!, otpCode: String, shipping: String, mapping: String }
      type Query { ok(apiKey: String, input: PinInput): Boolean }
    `);
    expect(unmarkedCredentialFields(schema).sort()).toEqual(['PinInput.otpCode', 'PinInput.pin', 'Query.ok(apiKey)']);
  });

  it.each([
    ['password', true],
    ['newPassword', true],
    ['current_password', true],
    ['pin', true],
    ['pinCode', true],
    ['otp', true],
    ['accessToken', true],
    ['api_key', true],
    ['clientSecret', true],
    ['shipping', false],
    ['mapping', false],
    ['username', false],
    ['topic', false],
  ])('%s looks like a credential: %s', (name, expected) => expect(looksLikeCredential(name)).toBe(expected));
});

describe('redactVariables', () => {
  const doc = (text: string) => parse(text);
  it.each([
    [
      'the web app shape',
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: { username: 'agent', password: 'p1' } },
      { input: { username: 'agent', password: REDACTED } },
    ],
    [
      'a plain String variable in a secret position',
      'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }',
      { u: 'agent', p: 'p2' },
      { u: 'agent', p: REDACTED },
    ],
    [
      'a variable the operation does not declare',
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: { username: 'agent', password: 'p3' }, extra: 'p4' },
      { input: { username: 'agent', password: REDACTED }, extra: REDACTED },
    ],
    [
      'a value that does not fit its type',
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: [{ username: 'agent', nested: { password: 'p5' } }] },
      { input: [{ username: 'agent', nested: { password: REDACTED } }] },
    ],
  ])('%s', (_name, text, variables, expected) => {
    const out = redactVariables(hub, doc(text), undefined, variables);
    expect(out).toEqual(expected);
  });

  it('finds secrets in nested inputs and lists, by the schema, whatever the names', () => {
    const schema = buildSchema(`
      input Cred { label: String, secretValue: String }
      input Outer { items: [Inner!]!, one: Inner }
      input Inner { name: String, key: String @deprecated }
      type Query { ok(o: Outer, creds: [Cred]): Boolean }
    `);
    // Mark Inner.key secret as @Secret() would (an extension on the field).
    (schema.getType('Inner') as unknown as { getFields(): Record<string, { extensions: object }> }).getFields().key!.extensions = {
      secret: true,
    };
    const out = redactVariables(schema, parse('query($a: Outer, $b: [Cred]) { ok(o: $a, creds: $b) }'), undefined, {
      a: {
        items: [
          { name: 'n1', key: 's1' },
          { name: 'n2', key: 's2' },
        ],
        one: { name: 'n3', key: 's3' },
      },
      b: [{ label: 'l', secretValue: 's4' }],
    });
    expect(JSON.stringify(out)).not.toMatch(/s[1-4]/);
    expect(out).toEqual({
      a: {
        items: [
          { name: 'n1', key: REDACTED },
          { name: 'n2', key: REDACTED },
        ],
        one: { name: 'n3', key: REDACTED },
      },
      b: [{ label: 'l', secretValue: REDACTED }],
    });
  });

  it('walks a value nested far deeper than the stack without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 32)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: [1] }] }, 32)).toBe(false);
    expect(() => redactVariables(hub, parse('query($v: [String]) { me { id } }'), undefined, { v: deep })).not.toThrow();
  });
});

describe('redactLegacyDetail', () => {
  let ops: ReturnType<typeof secretOperations>;
  beforeAll(() => {
    ops = secretOperations(hub);
  });
  it('knows which operations take a secret', () => {
    expect([...ops.fields].sort()).toEqual([
      'changePassword',
      'createUser',
      'login',
      'registerWebhookEndpoint',
      'resetPassword',
      'updateWebhookEndpoint',
    ]);
  });
  it.each([
    ['login', '{"username":{"username":"agent","password":"pw"}}', '{"username":{"username":"agent","password":"[redacted]"}}'],
    ['resetPassword', '{"q":"u1","w":"pw"}', '{"q":"[redacted]","w":"[redacted]"}'],
    ['resetPassword', '{"input":{"id":"u1","newPassword":"pw"}}', '{"input":{"id":"u1","newPassword":"[redacted]"}}'],
    [
      'login',
      JSON.stringify({ code: 'UNAUTHENTICATED', input: '{"i":{"username":"a","password":"pw"}}' }),
      JSON.stringify({ code: 'UNAUTHENTICATED', input: '{"i":{"username":"a","password":"[redacted]"}}' }),
    ],
    ['createUser', '{"c":{"username":"x","password":"pw…', '"[redacted]"'],
    ['recordFeedback', '{"i":{"text":"pw","token":"t"}}', '{"i":{"text":"pw","token":"[redacted]"}}'],
    ['recordFeedback', '{"i":{"text":"hello"}}', null],
  ])('%s %s', (operation, detail, expected) => {
    expect(redactLegacyDetail(detail, operation, ops)).toBe(expected);
  });
});

describe('input errors quote no submitted value', () => {
  it.each([
    [
      'Variable "$input" got invalid value { password: "pw; at \\"x\\"" }; Field "username" of required type "String!" was not provided.',
      'Field "username" of required type "String!" was not provided.',
      'Variable "$input" got invalid value; Field "username" of required type "String!" was not provided.',
    ],
    [
      'Variable "$input" got invalid value { nested: "pw" } at "input.password"; String cannot represent a non string value: { nested: "pw" }',
      'String cannot represent a non string value: { nested: "pw" }',
      'Variable "$input" got invalid value at "input.password"; String cannot represent a non string value.',
    ],
    [
      'Expected value of type "String!", found { nested: "pw" }; String cannot represent a non string value: { nested: "pw" }',
      'String cannot represent a non string value: { nested: "pw" }',
      'Expected value of type "String!"; String cannot represent a non string value.',
    ],
    ['Expected value of type "String!", found { nested: "pw" }.', undefined, 'Expected value of type "String!".'],
  ])('%s', (message, inner, expected) => {
    expect(withoutSubmittedValues(message, inner)).toBe(expected);
  });
});
