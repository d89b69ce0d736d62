import { createHash } from 'node:crypto';
import {
  getNamedType,
  getOperationAST,
  isInputObjectType,
  isListType,
  isNonNullType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** The schema extension that marks an input field as a secret (`field.extensions.secret`): set by @Secret(). */
export const SECRET_EXTENSION = 'secret';

/** What stands where a secret was. */
export const REDACTED = '[redacted]';

/**
 * Words that name a credential. A name is split into its camelCase / snake_case words, so that
 * `newPassword` and `pin_code` match and `shipping` or `tokenVersion`'s neighbours do not by accident.
 */
const CREDENTIAL_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'pin',
  'otp',
  'credential',
  'credentials',
  'apikey',
  'privatekey',
]);

/** Whether a field or key name looks like a credential (`password`, `currentPassword`, `otp`, `api_key` …). */
export function looksLikeCredential(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => CREDENTIAL_WORDS.has(w))) return true;
  // api_key, private-key: two words that name one credential.
  for (let i = 0; i + 1 < words.length; i++) if (CREDENTIAL_WORDS.has(words[i]! + words[i + 1]!)) return true;
  return false;
}

/** Whether a schema element (input field or argument) carries the `@Secret()` mark. */
/**
 * A secret that is a customer's personal data (a phone for callbacks) rather than a credential: kept out
 * of the audit trail and logs like any secret, but introduced after the legacy rows `hub:audit-redact`
 * cleans, so it makes no operation a secret-taking one there.
 */
export const PERSONAL_EXTENSION = 'personalData';
const isPersonal = (element: { extensions?: Readonly<Record<string, unknown>> | null }): boolean =>
  element.extensions?.[PERSONAL_EXTENSION] === true;

export const isSecret = (element: { extensions?: Readonly<Record<string, unknown>> | null }): boolean =>
  element.extensions?.[SECRET_EXTENSION] === true;

/**
 * The schema extension that marks an input field as erasable text (`field.extensions.auditDigest`, set by
 * @AuditDigest()): words their author or an administrator may later delete, such as a comment. The audit
 * trail is append-only and hash-chained, so whatever it keeps outlives the deletion: it keeps a digest of
 * the text instead, which still proves what was written (a copy brought forward hashes to it) but holds
 * no words.
 */
export const DIGEST_EXTENSION = 'auditDigest';

export const isDigested = (element: { extensions?: Readonly<Record<string, unknown>> | null }): boolean =>
  element.extensions?.[DIGEST_EXTENSION] === true;

/** What the audit keeps of erasable text: its SHA-256 and its length in characters; anything but a string is redacted. */
export function textDigest(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return REDACTED;
  return { sha256: createHash('sha256').update(value, 'utf8').digest('hex'), chars: [...value].length };
}

/** Deepest nesting of objects and arrays a request's variables may have; the schema's own inputs need under 10. */
export const MAX_VARIABLE_NESTING = 32;

/**
 * Whether a JSON value nests deeper than `max` objects/arrays. Iterative: a value nested a million
 * levels (which JSON.parse accepts) is measured without recursion, and the walk stops at the first
 * branch past the bound.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

type Marked = (element: { extensions?: Readonly<Record<string, unknown>> | null }) => boolean;

/** Variables a document uses inside a secret position (a secret input field or argument), per document. */
const secretVariablesOf = new WeakMap<DocumentNode, ReadonlySet<string>>();
/** Variables a document uses inside an erasable-text position (@AuditDigest()), per document. */
const digestedVariablesOf = new WeakMap<DocumentNode, ReadonlySet<string>>();

/**
 * The variables a document passes into secret positions, anywhere (`login(input: { password: $p })`
 * makes `$p` secret whatever its name or declared type). graphql-js's visitor is iterative.
 */
export function secretVariables(schema: GraphQLSchema, document: DocumentNode): ReadonlySet<string> {
  return markedVariables(schema, document, isSecret, secretVariablesOf);
}

/** The variables a document passes into erasable-text positions (`addComment(input: { body: $b })` digests `$b`). */
export function digestedVariables(schema: GraphQLSchema, document: DocumentNode): ReadonlySet<string> {
  return markedVariables(schema, document, isDigested, digestedVariablesOf);
}

function markedVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  isSecret: Marked,
  cache: WeakMap<DocumentNode, ReadonlySet<string>>,
): ReadonlySet<string> {
  const known = cache.get(document);
  if (known) return known;
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  let inSecret = 0;
  // Enter and leave must agree on whether a node opened a secret position; a stack keeps that.
  const opened: boolean[] = [];
  const enterSecret = (secret: boolean) => {
    opened.push(secret);
    if (secret) inSecret++;
  };
  const leaveSecret = () => {
    if (opened.pop()) inSecret--;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter: () => enterSecret(!!typeInfo.getArgument() && isSecret(typeInfo.getArgument()!)),
        leave: leaveSecret,
      },
      ObjectField: {
        enter: (node) => {
          const parent = getNamedType(typeInfo.getParentInputType());
          const field = isInputObjectType(parent) ? parent.getFields()[node.name.value] : undefined;
          enterSecret(!!field && isSecret(field));
        },
        leave: leaveSecret,
      },
      Variable: (node) => {
        if (inSecret > 0) found.add(node.name.value);
      },
    }),
  );
  cache.set(document, found);
  return found;
}

/** Sets an own property, `__proto__` included (a JSON key like any other), never the prototype. */
const put = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

type Task = { value: unknown; type: GraphQLInputType | undefined; depth: number; set(v: unknown): void };

/**
 * A copy of one variable's value with every secret replaced, walked against its GraphQL input type:
 * fields marked `@Secret()` at any depth and in lists, erasable text (`@AuditDigest()`) by its digest, and (should a value not fit its type, or a
 * field be unknown) any key that looks like a credential. Iterative and depth-bounded.
 */
export function redactValue(value: unknown, type: GraphQLInputType | undefined): unknown {
  let result: unknown;
  const stack: Task[] = [{ value, type, depth: 0, set: (v) => (result = v) }];
  while (stack.length) {
    const task = stack.pop()!;
    const v = task.value;
    if (v === null || typeof v !== 'object') {
      task.set(v);
      continue;
    }
    if (task.depth >= MAX_VARIABLE_NESTING) {
      task.set(REDACTED);
      continue;
    }
    const t = task.type && isNonNullType(task.type) ? task.type.ofType : task.type;
    if (Array.isArray(v)) {
      const copy: unknown[] = new Array(v.length);
      const itemType = t && isListType(t) ? (t.ofType as GraphQLInputType) : undefined;
      v.forEach((item, i) => stack.push({ value: item, type: itemType, depth: task.depth + 1, set: (x) => (copy[i] = x) }));
      task.set(copy);
      continue;
    }
    // A single value where a list is expected is coerced to a one-item list: walk it as the item.
    const named = t && isListType(t) ? getNamedType(t) : t;
    const fields = named && isInputObjectType(named) ? named.getFields() : undefined;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      put(copy, key, undefined); // keeps the keys in their order; filled when the walk reaches the value
      const field = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
      if ((field && isSecret(field)) || looksLikeCredential(key)) {
        put(copy, key, REDACTED);
        continue;
      }
      if (field && isDigested(field)) {
        put(copy, key, textDigest(item));
        continue;
      }
      stack.push({ value: item, type: field?.type, depth: task.depth + 1, set: (x) => put(copy, key, x) });
    }
    task.set(copy);
  }
  return result;
}

/**
 * The request's variables as they may be kept (in the audit trail, in logs): each walked against its
 * declared type with secrets replaced, variables used in secret positions replaced whole, and
 * variables the operation does not declare (which graphql-js ignores) replaced too.
 */
export function redactVariables(
  schema: GraphQLSchema,
  document: DocumentNode | undefined,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!variables || typeof variables !== 'object') return out;
  const op = document ? getOperationAST(document, operationName ?? undefined) : null;
  const secret = document ? secretVariables(schema, document) : new Set<string>();
  const digested = document ? digestedVariables(schema, document) : new Set<string>();
  for (const [name, value] of Object.entries(variables)) {
    const def = op?.variableDefinitions?.find((d) => d.variable.name.value === name);
    const type = def ? (typeFromAST(schema, def.type) as GraphQLInputType | undefined) : undefined;
    const kept =
      !def || secret.has(name) || looksLikeCredential(name) ? REDACTED : digested.has(name) ? textDigest(value) : redactValue(value, type);
    put(out, name, kept);
  }
  return out;
}

/** Every input field and argument of the schema whose name looks like a credential and is not marked secret. */
export function unmarkedCredentialFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (looksLikeCredential(field.name) && !isSecret(field)) missing.push(`${type.name}.${field.name}`);
    } else if ('getFields' in type) {
      for (const field of Object.values(type.getFields()))
        for (const arg of 'args' in field ? field.args : [])
          if (looksLikeCredential(arg.name) && !isSecret(arg)) missing.push(`${type.name}.${field.name}(${arg.name})`);
    }
  }
  return missing;
}

/** What the legacy redaction needs to know of the schema: which root fields take a secret, and the plain input names. */
export interface SecretOperations {
  /** Root fields (`login`, `createUser` …) with a secret somewhere in their arguments. */
  fields: ReadonlySet<string>;
  /** Names of the non-secret arguments and input fields of those root fields (`username`, `id` …). */
  plainKeys: ReadonlySet<string>;
}

/** The root fields that take a secret, and the names of their plain inputs, read from the schema. */
export function secretOperations(schema: GraphQLSchema): SecretOperations {
  const fields = new Set<string>();
  const plainKeys = new Set<string>();
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      let secret = false;
      const names: string[] = [];
      const seen = new Set<string>();
      const stack: { name: string; type: GraphQLInputType; secret: boolean; personal: boolean }[] = field.args.map((a) => ({
        name: a.name,
        type: a.type,
        secret: isSecret(a),
        personal: isPersonal(a),
      }));
      while (stack.length) {
        const item = stack.pop()!;
        if (item.personal) continue;
        if (item.secret) {
          secret = true;
          continue;
        }
        names.push(item.name);
        const named = getNamedType(item.type);
        if (!isInputObjectType(named) || seen.has(named.name)) continue;
        seen.add(named.name);
        for (const f of Object.values(named.getFields()))
          stack.push({ name: f.name, type: f.type, secret: isSecret(f), personal: isPersonal(f) });
      }
      if (secret) {
        fields.add(field.name);
        for (const name of names) if (!looksLikeCredential(name)) plainKeys.add(name);
      }
    }
  }
  return { fields, plainKeys };
}

const CREDENTIAL_TEXT = /pass(word|wd|phrase)?|pwd|secret|token|otp|credential|api.?key|private.?key|"pin"/i;

/**
 * An audit detail written before secrets were redacted, with its secrets replaced: the rewrite
 * `hub:audit-redact` applies to existing rows. Old details are the raw variables (masked, cut at
 * 2,000 characters), or `{code, input}` for a refusal, without the document that typed them, so
 * the rule works by name: credential-named keys always, and for an operation that takes a secret,
 * every text value not under a known plain input name (`username`, `id` …), since its variable
 * may have had any name (`$p`). A detail that does not parse (cut short) and may hold a secret is
 * replaced whole. Answers null when nothing needs to change.
 */
export function redactLegacyDetail(detail: string, operation: string, ops: SecretOperations): string | null {
  const secretBearing = operation.split(',').some((o) => ops.fields.has(o));
  let changed = false;
  const scrub = (text: string, nested: boolean): string => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (!secretBearing && !CREDENTIAL_TEXT.test(text)) return text;
      changed = true;
      return nested ? REDACTED : JSON.stringify(REDACTED);
    }
    const root = parsed as { code?: unknown; input?: unknown } | null;
    const refusal = !nested && typeof root?.code === 'string' && typeof root.input === 'string';
    let result: unknown;
    const stack: { value: unknown; key: string | null; depth: number; set(v: unknown): void }[] = [
      { value: parsed, key: null, depth: 0, set: (v) => (result = v) },
    ];
    while (stack.length) {
      const { value, key, depth, set } = stack.pop()!;
      if (key !== null && looksLikeCredential(key) && value !== REDACTED) {
        changed = true;
        set(REDACTED);
      } else if (typeof value === 'string') {
        // A refusal keeps the refused request's detail as a string under `input`.
        if (refusal && depth === 1 && key === 'input') set(scrub(value, true));
        else if (refusal && depth === 1 && key === 'code') set(value);
        else if (secretBearing && !(key !== null && ops.plainKeys.has(key)) && value !== REDACTED) {
          changed = true;
          set(REDACTED);
        } else set(value);
      } else if (value === null || typeof value !== 'object' || depth >= MAX_VARIABLE_NESTING) {
        set(value);
      } else if (Array.isArray(value)) {
        const copy: unknown[] = new Array(value.length);
        // A list's items stand under the list's key.
        value.forEach((v, i) => stack.push({ value: v, key, depth: depth + 1, set: (x) => (copy[i] = x) }));
        set(copy);
      } else {
        const copy: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          put(copy, k, undefined); // keeps the keys in their order
          stack.push({ value: v, key: k, depth: depth + 1, set: (x) => put(copy, k, x) });
        }
        set(copy);
      }
    }
    return JSON.stringify(result);
  };
  const out = scrub(detail, false);
  return changed ? out : null;
}
