import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';

let hub: TestHub;
let analyst = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 200, contacts: 10 } });
  analyst = await hub.login('analyst');
  const agent = await hub.login('agent');
  const org = await hub.gql(agent, '{ branches { id code } categories { id code } }');
  const sh = org.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
  const cat = org.data!.categories.find((c: { code: string }) => c.code === 'E_BANKING').id;
  for (const [key, text] of [
    ['a', '手机银行转账一直提示系统繁忙，请稍后再试'],
    ['b', '网银登录验证码收不到'],
    ['c', 'Mobile app crashes when transferring funds'],
  ]) {
    const r = await hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
      i: { kind: 'PROBLEM', channel: 'ONLINE', categoryId: cat, branchId: sh, text },
    });
    ids[key!] = r.data!.recordFeedback.id;
  }
  const p = await hub.gql(analyst, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }', {
    i: { title: '验证码短信延迟', categoryId: cat, severity: 'MEDIUM', feedbackIds: [ids.b] },
  });
  ids.problem = p.data!.openProblem.id;
});
afterAll(async () => hub.stop());

const search = async (s: string) =>
  (await hub.gql(analyst, 'query($s: String) { feedback(filter: { search: $s }, first: 100) { totalCount edges { node { id } } } }', { s }))
    .data!.feedback;

describe('search', () => {
  it.each([
    ['系统繁忙', 'a'],
    ['转账一直', 'a'],
    ['验证码', 'b'],
    ['crashes when', 'c'],
  ])('finds the Chinese or English substring %s (trigram index)', async (s, key) => {
    const r = await search(s);
    expect(r.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ids[key]);
    expect(r.totalCount).toBe(r.edges.length);
  });

  it('finds one- and two-character queries too (below the trigram length)', async () => {
    expect((await search('网银')).edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ids.b);
  });

  it('treats quotes and wildcards as text, not syntax', async () => {
    expect((await search('"OR*')).totalCount).toBe(0);
    expect((await search('%')).totalCount).toBe(0);
  });

  it('finds problems by title and by the text of their feedback', async () => {
    const q = 'query($s: String) { problems(filter: { search: $s }) { edges { node { id } } } }';
    for (const s of ['短信延迟', '验证码收不到']) {
      const r = await hub.gql(analyst, q, { s });
      expect(r.data!.problems.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ids.problem);
    }
    const none = await hub.gql(analyst, q, { s: '完全无关的词语组合' });
    expect(none.data!.problems.edges).toHaveLength(0);
  });
});
