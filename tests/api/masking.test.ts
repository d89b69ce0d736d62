import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startHub, type TestHub } from '../utils/hub.js';
import { luhnValid, isValidResidentId } from '../../server/src/privacy/mask.rules.js';

/**
 * Masking end to end: texts with generated mobile, card and ID numbers recorded through the API
 * are read back over HTTP; no number survives for a masked viewer (subscriptions: events.test.ts).
 */
let hub: TestHub;
const t: Record<string, string> = {};
let sh = '';
let category = '';

beforeAll(async () => {
  hub = await startHub();
  for (const u of ['agent', 'bm.sh', 'expert.card', 'analyst']) t[u] = await hub.login(u);
  const org = await hub.gql(t.agent!, '{ branches { id code } categories { id } }');
  sh = org.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
  category = org.data!.categories[0].id;
});
afterAll(async () => hub.stop());

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
const card = fc.tuple(fc.constantFrom(16, 19), digits(18)).map(([len, body]) => {
  const head = `62${body}`.slice(0, len - 1);
  const check = [...'0123456789'].find((d) => luhnValid(head + d))!;
  return head + check;
});
const residentId = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.date({ min: new Date('1950-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
    digits(3),
  )
  .map(([region, birth, seq]) => {
    const body = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`;
    return body + [...'0123456789X'].find((c) => isValidResidentId(body + c))!;
  });
const group = (s: string) => s.replace(/(\d{4})(?=\d)/g, '$1 ');
const secret = fc.oneof(
  mobile,
  card,
  card.map(group),
  residentId,
  mobile.map((m) => `+86 ${m}`),
);
const filler = fc.constantFrom('客户反映', '信用卡还款提醒没收到，', 'please call back ', '联系方式：', '卡号', '身份证', '，谢谢。');

describe('personal data never reaches a masked viewer', () => {
  it('over HTTP, for generated texts', async () => {
    await fc.assert(
      fc.asyncProperty(filler, secret, filler, async (before, number, after) => {
        const text = `${before}${number}${after}`;
        const r = await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id text } }', {
          i: { kind: 'PROBLEM', channel: 'ONLINE', categoryId: category, branchId: sh, text, customerRef: number },
        });
        expect(r.data!.recordFeedback.text).toBe(text.trim());
        const bare = number.replace(/\D/g, '');
        for (const who of ['bm.sh', 'expert.card']) {
          const seen = await hub.gql(t[who]!, 'query($id: ID!) { node(id: $id) { ... on Feedback { text customerRef } } }', {
            id: r.data!.recordFeedback.id,
          });
          const node = seen.data!.node;
          for (const field of [node.text, node.customerRef]) {
            expect(field.replace(/\D/g, '')).not.toContain(bare);
          }
        }
        const analyst = await hub.gql(t.analyst!, 'query($id: ID!) { node(id: $id) { ... on Feedback { text } } }', {
          id: r.data!.recordFeedback.id,
        });
        expect(analyst.data!.node.text).toBe(text.trim());
      }),
      { numRuns: 40 },
    );
  });
});
