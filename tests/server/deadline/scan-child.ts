/**
 * A second hub process for the exactly-once test: opens the database file given, scans deadlines
 * with a fixed clock until told "stop" on stdin, then prints what it wrote as JSON.
 * Run: node --import tsx scan-child.ts <file> <nowMs>
 */
import readline from 'node:readline';
import { servicesOn } from './loop.factory.js';

const [file, nowMs] = process.argv.slice(2);
if (!file || !nowMs) throw new Error('usage: scan-child.ts <file> <nowMs>');
const h = await servicesOn(file, { now: () => new Date(Number(nowMs)) });
const totals = { rounds: 0, actionsOverdue: 0, escalations: 0, stagesOverdue: 0 };
let stop = false;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') stop = true;
});
process.stdout.write('ready\n');
while (!stop) {
  const r = await h.services.deadlines.scanDeadlines();
  totals.rounds++;
  totals.actionsOverdue += r.actionsOverdue;
  totals.escalations += r.escalations;
  totals.stagesOverdue += r.stagesOverdue;
  // Let stdin be read between scans.
  await new Promise((resolve) => setImmediate(resolve));
}
await h.close();
process.stdout.write(`${JSON.stringify(totals)}\n`);
process.exit(0);
