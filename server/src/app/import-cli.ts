import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadEnv } from '../core/env.js';
import { createLogger } from '../core/logger.js';
import { openStore, databaseFile } from '../core/db.js';
import { systemClock } from '../core/clock.js';
import { createLocalEventBus } from '../event/index.js';
import { OrgDirectory } from '../org/index.js';
import { createServices, type BaseDeps } from './services.js';
import { findUserByUsername } from '../user/index.js';
import { formatOf, type ImportProgress } from '../import/index.js';

const USAGE = `usage: node server/dist/app/import-cli.js <feedback|contacts> <file.csv|file.xlsx> --as <username> [--encoding gb18030]

Imports a call-center file into the hub's database (DATABASE_URL / DATA_DIR), as the given
analyst or administrator. Re-running it on the same file adds nothing; on a file whose import was
interrupted it adds what is missing. Progress goes to stderr, the final report (JSON) to stdout.`;

const BAR = 24;
const group = (n: number) => n.toLocaleString('en-US');

/** One line of progress: a bar by bytes when the size is known, rows, speed and rejections. */
function progressLine(p: ImportProgress, elapsedMs: number): string {
  const share = p.totalBytes ? Math.min(1, (p.bytesRead ?? 0) / p.totalBytes) : p.status === 'RUNNING' ? 0 : 1;
  const filled = Math.round(share * BAR);
  const rate = elapsedMs > 0 ? Math.round((p.rowsRead * 1000) / elapsedMs) : 0;
  return `${p.fileName} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${group(
    p.rowsRead,
  )} rows  ${group(rate)} rows/s  ${group(p.inserted)} new  ${group(p.duplicates)} already there  ${group(p.rejected)} rejected`;
}

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [what, file] = args;
  const kind = what === 'feedback' ? 'FEEDBACK' : what === 'contacts' ? 'CONTACTS' : undefined;
  const username = argument(args, '--as');
  if (!kind || !file || !username) {
    console.error(USAGE);
    return 2;
  }
  const format = formatOf(undefined, file);
  if (!format) {
    console.error(`${file}: the file name must end in .csv or .xlsx.`);
    return 2;
  }
  const env = loadEnv();
  const store = openStore(databaseFile(env.DATABASE_URL, env.DATA_DIR));
  try {
    const org = new OrgDirectory(() => store.read);
    await org.refresh();
    const deps: BaseDeps = {
      store,
      bus: createLocalEventBus(),
      clock: systemClock,
      // Logs go to stdout, which carries the report: only warnings and errors.
      log: createLogger(env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? env.LOG_LEVEL : 'warn'),
      env,
      // The CLI signs no tokens.
      secret: randomBytes(32),
      org,
    };
    const services = createServices(deps);
    const user = await findUserByUsername(store.read, username);
    if (!user || !user.active) {
      console.error(`${username}: no such active user.`);
      return 2;
    }
    const viewer = services.auth.viewerOf(user);
    const request = {
      kind,
      format,
      fileName: path.basename(file),
      encoding: argument(args, '--encoding') ?? null,
      totalBytes: fs.statSync(file).size,
    } as const;
    // Checked (XLSX limits, CSV header) before the import is registered, and read in place.
    const received = await services.imports.receive(request, { file });
    const importId = await services.imports.begin(viewer, request).catch(async (err: unknown) => {
      await received.dispose();
      throw err;
    });
    const started = Date.now();
    const tty = process.stderr.isTTY;
    let lastPercent = -10;
    const watching = (async () => {
      for await (const p of await services.imports.watch(viewer, importId)) {
        const line = progressLine(p, Date.now() - started);
        if (tty) process.stderr.write(`\r${line}`);
        else {
          // Not a terminal (a log file): a line every tenth of the way.
          const percent = p.totalBytes ? Math.floor(((p.bytesRead ?? 0) * 100) / p.totalBytes) : 0;
          if (percent - lastPercent >= 10 || p.status !== 'RUNNING') {
            lastPercent = percent;
            process.stderr.write(`${line}\n`);
          }
        }
      }
      if (tty) process.stderr.write('\n');
    })();
    const result = await services.imports.run(viewer, importId, request, received);
    await watching;
    for (const r of result.rejectedRows) process.stderr.write(`row ${r.row}: ${r.reason}\n`);
    if (result.error) process.stderr.write(`import failed: ${result.error}\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // The similarity index of the imported rows, started after each batch's commit: finished here
    // rather than left to the hub's next query (which would find them all the same).
    await services.insight.indexed();
    await services.deadlines.stop();
    services.notifications.stop();
    return result.status === 'DONE' ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
