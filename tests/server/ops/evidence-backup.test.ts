import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startHub, tempDir, type TestHub } from '../../utils/hub.js';
import { demoIds, openProblem, recordFeedback, tokens } from '../../utils/fixtures.js';
import { PNG, multipart } from '../../utils/evidence-files.js';
import { backupDatabase, evidenceCopyOf, restoreDatabase } from '../../../server/src/ops/backup.js';

/**
 * hub:backup and hub:restore carry the evidence files kept beside the SQLite file: a file uploaded
 * before the backup downloads, byte for byte, from a hub started on the restored copy.
 */
const hubs: TestHub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.stop();
});

async function uploadTo(hub: TestHub, token: string, problemId: string, data: Buffer): Promise<string> {
  const { body, contentType } = multipart('签字表.png', data);
  const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/files?parentKind=PROBLEM&parentId=${problemId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as any).evidence.id;
}

describe('backup and restore with evidence files', () => {
  it('a restored hub serves the files uploaded before the backup', async () => {
    const hub = await startHub({ database: 'sqlite', demo: { feedback: 10, contacts: 0 } });
    hubs.push(hub);
    const t = await tokens(hub);
    const ids = await demoIds(hub, t.admin!);
    const fb = await recordFeedback(hub, t.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.DEPOSIT!, text: '存款证明开具慢' });
    const problem = await openProblem(hub, t.analyst!, ids.category.DEPOSIT!, [fb]);
    const data = Buffer.concat([PNG, Buffer.from('signed sheet')]);
    const evidenceId = await uploadTo(hub, t.analyst!, problem.id, data);

    const dest = path.join(tempDir('voc-hub-backup-'), 'hub-backup.sqlite');
    const backup = await backupDatabase(hub.store.file, dest);
    expect(backup).toMatchObject({ integrity: 'ok', evidenceFiles: 1 });
    expect(fs.readdirSync(evidenceCopyOf(dest)).length).toBe(1);

    const restoredDir = tempDir('voc-hub-restore-');
    expect(restoreDatabase(dest, path.join(restoredDir, 'hub.sqlite'))).toMatchObject({ integrity: 'ok', evidenceFiles: 1 });
    const restored = await startHub({ database: 'sqlite', dir: restoredDir, demo: false });
    hubs.push(restored);
    const token = await restored.login('analyst');
    const res = await fetch(`${restored.url.replace(/\/graphql$/, '')}/files/${evidenceId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    fs.rmSync(path.dirname(dest), { recursive: true, force: true });
  });
});
