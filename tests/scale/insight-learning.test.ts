/**
 * What analysts teach insight (issue 22) holds across processes and restarts: two hub processes on
 * one PostgreSQL database with Redis; an analyst groups a pair on A, and B — which had read the
 * feedback before — finds the paraphrase at its next query; a B started afterwards finds it too.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { tempDir, type TestHub, type GqlResult } from '../utils/hub.js';
import { spawnHub, type ProcessHub } from '../utils/process-hub.js';
import { serviceAvailable, createTestDatabase, REDIS_URL } from '../utils/services.js';
import { demoIds, recordFeedback, type DemoIds } from '../utils/fixtures.js';

const SUITE = 'insight: learned equivalences on two processes (PostgreSQL + Redis) and after a restart';
const ready = (await serviceAvailable('postgres', SUITE)) && (await serviceAvailable('redis', SUITE));

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};
const SIMILAR = `query($id: ID!) { similarFeedback(feedbackId: $id, first: 100) { id } }`;
const REASONS = `query($a: ID!, $b: ID!) { similarityReasons(feedbackId: $a, otherFeedbackId: $b) }`;

describe.runIf(ready)(SUITE, { timeout: 240_000 }, () => {
  let a: ProcessHub;
  let b: ProcessHub;
  let env: Record<string, string>;
  let db: { url: string; drop: () => Promise<void> };
  let ids: DemoIds;
  const dataDirs: string[] = [];
  const tokens: Record<string, Record<string, string>> = {};
  const as = (h: ProcessHub) => h as unknown as TestHub;
  const feedback: Record<string, string> = {};

  async function login(h: ProcessHub) {
    tokens[h.name] = {};
    for (const u of ['agent', 'analyst']) tokens[h.name]![u] = await h.login(u);
  }
  const similar = async (h: ProcessHub, of: string) =>
    (ok(await h.gql(tokens[h.name]!.analyst!, SIMILAR, { id: of })).similarFeedback as { id: string }[]).map((f) => f.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_CHANNEL: `voc-hub-test:${new URL(db.url).pathname.slice(1)}`,
      HUB_DEMO: '1',
      DEMO_FEEDBACK: '300',
      DEMO_CONTACTS: '300',
    };
    dataDirs.push(tempDir('voc-hub-a-'), tempDir('voc-hub-b-'));
    a = await spawnHub('A', { ...env, DATA_DIR: dataDirs[0]! });
    b = await spawnHub('B', { ...env, DATA_DIR: dataDirs[1]! });
    await login(a);
    await login(b);
    ids = await demoIds(as(a), tokens.A!.analyst!);
    const record = (text: string) =>
      recordFeedback(as(a), tokens.A!.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.CREDIT_CARD!, text });
    feedback.close = await record('注销账户');
    feedback.quit = await record('不想用了怎么关掉');
    feedback.taught0 = await record('信用卡注销');
    feedback.taught1 = await record('信用卡不用了想关掉');
  });

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
    expect(codes).toEqual([0, 0]);
  });

  it('applies on the other process what an analyst taught on one', async () => {
    // B has read the feedback, without anything learned.
    expect(await similar(b, feedback.close!)).not.toContain(feedback.quit);
    const opened = ok(
      await a.gql(tokens.A!.analyst!, `mutation($i: OpenProblemInput!) { openProblem(input: $i) { id version } }`, {
        i: { title: '信用卡销户', categoryId: ids.category.CREDIT_CARD, severity: 'LOW', feedbackIds: [feedback.taught0] },
      }),
    ).openProblem;
    ok(
      await a.gql(tokens.A!.analyst!, `mutation($i: AttachFeedbackInput!) { attachFeedback(input: $i) { id } }`, {
        i: { problemId: opened.id, expectedVersion: opened.version, feedbackIds: [feedback.taught1] },
      }),
    );
    expect(await similar(b, feedback.close!)).toContain(feedback.quit);
    expect(ok(await b.gql(tokens.B!.analyst!, REASONS, { a: feedback.close, b: feedback.quit })).similarityReasons).toContain(
      '关掉 ≈ 注销',
    );
  });

  it('still applies it after a restart', async () => {
    expect(await b.stop()).toBe(0);
    b = await spawnHub('B', { ...env, DATA_DIR: dataDirs[1]! });
    await login(b);
    expect(await similar(b, feedback.close!)).toContain(feedback.quit);
  });
});
