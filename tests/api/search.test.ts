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

describe('problem search reads only the feedback the viewer may read', () => {
  const Q = 'query($s: String) { problems(filter: { search: $s }, first: 100) { totalCount edges { node { id } } } }';
  const found = async (token: string, s: string): Promise<string[]> => {
    const r = await hub.gql(token, Q, { s });
    expect(r.errors).toBeUndefined();
    return r.data!.problems.edges.map((e: { node: { id: string } }) => e.node.id);
  };
  let bmSh = '';
  let coordinator = '';
  beforeAll(async () => {
    [bmSh, coordinator] = await Promise.all([hub.login('bm.sh'), hub.login('coordinator')]);
  });

  it('as bm.sh: a problem of SH is not found by the text of its Beijing feedback', async () => {
    const agent = await hub.login('agent');
    const org = await hub.gql(agent, '{ branches { id code } categories { id code } }');
    const branch = (code: string) => org.data!.branches.find((b: { code: string }) => b.code === code).id;
    const cat = org.data!.categories.find((c: { code: string }) => c.code === 'WEALTH').id;
    const record = async (branchId: string, text: string) =>
      (
        await hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
          i: { kind: 'PROBLEM', channel: 'BRANCH', categoryId: cat, branchId, text },
        })
      ).data!.recordFeedback.id as string;
    const inScope = await record(branch('SH-PD'), '理财赎回到账比约定晚了两天');
    const outOfScope = await record(branch('BJ'), '北京客户经理私下承诺保本收益');
    const p = await hub.gql(analyst, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }', {
      i: { title: '理财产品到账延迟', categoryId: cat, severity: 'LOW', feedbackIds: [inScope, outOfScope] },
    });
    const problem = p.data!.openProblem.id as string;

    expect(await found(bmSh, '赎回到账')).toContain(problem); // SH-PD feedback: bm.sh reads it
    expect(await found(bmSh, '理财产品到账')).toContain(problem); // the title
    for (const s of ['私下承诺保本', '客户经理私下', '保本']) expect(await found(bmSh, s), s).not.toContain(problem);
    expect(await found(coordinator, '私下承诺保本')).toContain(problem); // everyone else still finds it
  });

  it('as bm.sh, on the demo data: no problem is found only through out-of-scope feedback', async () => {
    const mine = (await hub.gql(bmSh, '{ problems(first: 100) { edges { node { id } } } }')).data!.problems.edges.map(
      (e: { node: { id: string } }) => e.node.id as string,
    );
    let tried = 0;
    for (const id of mine) {
      const q = 'query($id: ID!) { problem(id: $id) { id code title feedback(first: 50) { edges { node { text branch { code } } } } } }';
      const node = (await hub.gql(coordinator, q, { id })).data!.problem;
      const texts = node.feedback.edges.map((e: { node: { text: string; branch: { code: string } } }) => e.node);
      const readable = texts.filter((f: { branch: { code: string } }) => f.branch.code.startsWith('SH'));
      // A phrase of out-of-scope feedback that nothing bm.sh may read in this problem contains.
      const phrase = texts
        .filter((f: { branch: { code: string } }) => !f.branch.code.startsWith('SH'))
        .flatMap((f: { text: string }) => f.text.split(/[，。！？,.!?\s]+/))
        .find(
          (s: string) =>
            s.length >= 4 &&
            s.length <= 40 &&
            !`${node.title} ${node.code}`.includes(s) &&
            !readable.some((f: { text: string }) => f.text.includes(s)),
        );
      if (!phrase) continue;
      expect(await found(coordinator, phrase), phrase).toContain(node.id);
      expect(await found(bmSh, phrase), `${node.code}: ${phrase}`).not.toContain(node.id);
      if (++tried === 5) break;
    }
    expect(tried).toBe(5);
  });
});
