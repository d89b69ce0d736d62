import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startHub, codeOf, type TestHub } from '../utils/hub.js';
import { backupDatabase, restoreDatabase } from '../../server/src/ops/backup.js';
import { tempDir } from '../utils/temp.js';

let hub: TestHub;
let agent = '';
let input: Record<string, unknown> = {};
const RECORD = 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }';
const count = () => (hub.store.raw.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number }).n;

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 200, contacts: 50 } });
  agent = await hub.login('agent');
  const org = await hub.gql(agent, '{ branches { id code } categories { id } }');
  input = {
    kind: 'PROBLEM',
    channel: 'VOICE',
    categoryId: org.data!.categories[0].id,
    branchId: org.data!.branches.find((b: { code: string }) => b.code === 'SH').id,
  };
});
afterAll(async () => hub.stop());

describe('a full disk', () => {
  it('refuses writes with a clear error, writes nothing, keeps serving, and recovers when there is room', async () => {
    const pages = hub.store.raw.pragma('page_count', { simple: true }) as number;
    hub.store.raw.pragma(`max_page_count = ${pages}`);
    const before = count();
    let refused = null;
    // Fill the last free pages, then the next write cannot grow the file.
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await hub.gql(agent, RECORD, { i: { ...input, text: `磁盘写满测试 ${'满'.repeat(3000)} ${i}` } });
      if (r.errors) refused = r;
    }
    expect(refused, 'the database never filled up').not.toBeNull();
    expect(refused!.errors![0]!.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'STORAGE_FULL' });
    expect(refused!.errors![0]!.message).toMatch(/storage is full/);
    const afterRefusal = count();
    expect(hub.store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await hub.gql(agent, '{ me { username } }')).data!.me.username).toBe('agent');
    expect(count()).toBe(afterRefusal);
    expect(afterRefusal).toBeGreaterThanOrEqual(before);
    hub.store.raw.pragma('max_page_count = 1073741823');
    const ok = await hub.gql(agent, RECORD, { i: { ...input, text: '空间恢复后可以写入' } });
    expect(ok.errors).toBeUndefined();
    expect(count()).toBe(afterRefusal + 1);
    expect(codeOf(ok)).toBeUndefined();
  });
});

describe('online backup and restore', () => {
  it('copies a consistent state while writes continue, holding every write acknowledged before it began', async () => {
    let stop = false;
    const acked: string[] = [];
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await hub.gql(agent, RECORD, { i: { ...input, text: `备份期间写入 ${i}` } });
        if (r.data?.recordFeedback) acked.push(r.data.recordFeedback.id);
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const ackedBefore = [...acked];
    const dest = path.join(tempDir('voc-hub-backup-'), 'copy.sqlite');
    const result = await backupDatabase(hub.store.file, dest);
    await new Promise((r) => setTimeout(r, 100));
    stop = true;
    await writer;
    expect(result.integrity).toBe('ok');
    expect(ackedBefore.length).toBeGreaterThan(0);
    const copy = new Database(dest, { readonly: true });
    const has = copy.prepare('SELECT 1 FROM feedback WHERE id = ?');
    for (const id of ackedBefore) expect(has.get(id), id).toBeTruthy();
    copy.close();

    const target = path.join(tempDir('voc-hub-restore-'), 'hub.sqlite');
    expect(restoreDatabase(dest, target).integrity).toBe('ok');
    const restored = new Database(target, { readonly: true });
    expect((restored.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number }).n).toBeGreaterThanOrEqual(ackedBefore.length);
    restored.close();
    await expect(backupDatabase(hub.store.file, dest)).rejects.toThrow(/exists/);
  });
});
