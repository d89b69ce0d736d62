import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { tempDir, TestClock } from '../../utils/hub.js';
import { openStore } from '../../../server/src/core/db.js';
import { loadDemo } from '../../../server/src/demo/demo.seed.js';
import { servicesOn, viewerOf, bankTime } from '../deadline/loop.factory.js';
import { killGroupHard, proveGone, spawnTracked } from '../../utils/processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, '..', '..', '..', 'server', 'src', 'app', 'import-cli.ts');
const ROWS = 30_000;
const BATCH = 500;

describe('a killed import', () => {
  let dir: string;
  let db: string;
  let csv: string;

  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'hub.sqlite');
    const store = openStore(db);
    await loadDemo(store, { now: new Date(bankTime('2026-03-02 09:00')), feedback: 0, contacts: 0, seed: 3 });
    await store.close();
    csv = path.join(dir, 'calls.csv');
    const lines = ['externalId,kind,channel,category,branch,receivedAt,text,customerRef'];
    const branches = ['SH', 'BJ', 'GZ', 'SH-PD'];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `K-${i},PROBLEM,VOICE,CREDIT_CARD,${branches[i % 4]},2026-02-${String(1 + (i % 27)).padStart(2, '0')} 10:00,"kill-test ${i}：客户反映分期手续费不透明",C-${i % 9000}`,
      );
    fs.writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves whole batches only, and importing the file again finishes it without duplicates', async () => {
    const child = spawnTracked('import CLI', process.execPath, ['--import', 'tsx', CLI, 'feedback', csv, '--as', 'analyst'], {
      cwd: path.join(here, '..', '..'),
      // tsx applies a tsconfig only to the files it includes: the server's, for its decorators.
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(here, '..', '..', '..', 'server', 'tsconfig.json'),
        DATABASE_URL: db,
        DATA_DIR: dir,
        IMPORT_BATCH_ROWS: String(BATCH),
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // Kill it hard once a few batches are in: most of its time is spent inside a batch's transaction.
    const watch = new Database(db, { readonly: true, fileMustExist: true });
    const batches = () => (watch.prepare('SELECT coalesce(max(batches), 0) AS n FROM imports').get() as { n: number }).n;
    const deadline = Date.now() + 150_000;
    while (batches() < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    killGroupHard(child);
    expect(await exited).toBe('SIGKILL');
    await proveGone(child);
    watch.close();
    // The progress bar went to stderr while it ran.
    expect(stderr).toMatch(/calls\.csv \[#*-*\]\s+\d+%\s+[\d,]+ rows/);

    const after = await servicesOn(db, new TestClock(bankTime('2026-03-02 09:00')));
    try {
      const raw = after.store.raw;
      const job = raw.prepare('SELECT * FROM imports').get() as {
        id: string;
        status: string;
        inserted: number;
        batches: number;
        rows_read: number;
      };
      expect(job.status).toBe('RUNNING');
      expect(job.inserted).toBeGreaterThan(0);
      expect(job.inserted).toBeLessThan(ROWS);
      // Every committed batch is whole: its rows, its keys, its counters and its rollup counts agree.
      expect(job.inserted % BATCH).toBe(0);
      expect(job.inserted).toBe(job.batches * BATCH);
      const n = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
      expect(n("SELECT count(*) AS n FROM feedback WHERE text LIKE 'kill-test %'")).toBe(job.inserted);
      expect(n(`SELECT count(*) AS n FROM import_keys WHERE import_id = '${job.id}'`)).toBe(job.inserted);
      expect(n("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'")).toBe(
        n('SELECT count(*) AS n FROM feedback'),
      );
      expect(n("SELECT count(*) AS n FROM hub_events WHERE type = 'RECORDS_IMPORTED'")).toBe(job.batches);

      const viewer = await viewerOf(after, 'analyst');
      const again = await after.services.imports.importFile(
        viewer,
        { kind: 'FEEDBACK', format: 'CSV', fileName: 'calls.csv' },
        fs.createReadStream(csv),
      );
      expect(again).toMatchObject({ status: 'DONE', rowsRead: ROWS, inserted: ROWS - job.inserted, duplicates: job.inserted, rejected: 0 });
      expect(n("SELECT count(*) AS n FROM feedback WHERE text LIKE 'kill-test %'")).toBe(ROWS);
      expect(n("SELECT count(DISTINCT text) AS n FROM feedback WHERE text LIKE 'kill-test %'")).toBe(ROWS);
      expect(n("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'")).toBe(
        n('SELECT count(*) AS n FROM feedback'),
      );
    } finally {
      await after.close();
    }
  }, 300_000);
});
