/**
 * The demo data set (HUB_DEMO=1): a Chinese bank's voice-of-the-customer hub six months into use.
 *
 * Everything is driven by one seeded PRNG, ids included, so the same seed and the same `now` give
 * the same rows (only the password hash, salted by scrypt, differs). Problems are not written as
 * end states: each is played through the loop's rules step by step (demo.simulator.ts), the
 * feedback and contacts are drawn around them (demo.feedback.ts, demo.contacts.ts), and the rows
 * are written through the drizzle tables (demo.rows.ts, demo.writer.ts).
 */
import type { Store } from '../core/db.js';
import { rebuildRollups } from '../report/index.js';
import { hashPassword } from '../core/password.js';
import { digits, stream } from './demo.random.js';
import { Calendar } from './demo.calendar.js';
import { buildOrg } from './demo.people.js';
import { buildProblems } from './demo.simulator.js';
import { buildFeedback } from './demo.feedback.js';
import { demoRows } from './demo.rows.js';
import { isEmpty, writeDemo } from './demo.writer.js';
import type { Demo } from './demo.model.js';

export { luhnCheckDigit, residentIdCheck } from './demo.personal-data.js';

export const DEMO_PASSWORD = 'hub-demo-2026';
export const DEMO_DEFAULT_FEEDBACK = 30_000;
export const DEMO_DEFAULT_CONTACTS = 100_000;
const DEFAULT_SEED = 20_260_101;

export interface DemoOptions {
  now: Date;
  feedback?: number;
  contacts?: number;
  seed?: number;
}

export interface DemoResult {
  loaded: boolean;
  ms: number;
  counts: Record<string, number>;
}

/**
 * Loads the demo data set into an empty database (no user yet) in one transaction; answers
 * `loaded: false` and changes nothing when the database already has users.
 */
export async function loadDemo(store: Store, options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!(await isEmpty(store.read))) return { loaded: false, ms: elapsed(), counts: {} };
  // One hash for every demo user: scrypt is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = options.now.getTime();
  const seed = options.seed ?? DEFAULT_SEED;
  const feedbackTotal = Math.max(0, Math.floor(options.feedback ?? DEMO_DEFAULT_FEEDBACK));
  const contactTotal = Math.max(0, Math.floor(options.contacts ?? DEMO_DEFAULT_CONTACTS));

  const d: Demo = {
    now,
    rngs: { org: stream(seed, 1), problems: stream(seed, 2), feedback: stream(seed, 3), contacts: stream(seed, 4) },
    calendar: new Calendar(now),
    nodes: [],
    byCode: new Map(),
    departments: [],
    deptByCode: new Map(),
    categories: [],
    catByCode: new Map(),
    products: [],
    productByCode: new Map(),
    users: [],
    userByName: new Map(),
    problems: [],
    events: [],
    diagnoses: [],
    diagnosisDepartments: [],
    consultations: new Map(),
    consultationExperts: [],
    opinions: [],
    actionUpdates: [],
    extensions: [],
    customerPool: [],
  };
  buildOrg(d);
  const poolRng = stream(seed, 5);
  const poolSize = Math.max(200, Math.round(feedbackTotal * 0.45 + contactTotal * 0.08));
  const seen = new Set<string>();
  while (d.customerPool.length < poolSize) {
    const ref = `C${digits(poolRng, 8)}`;
    if (!seen.has(ref)) {
      seen.add(ref);
      d.customerPool.push(ref);
    }
  }
  buildProblems(d);
  const drafts = buildFeedback(d, feedbackTotal);
  drafts.sort((a, b) => a.at - b.at);
  const rows = demoRows(d, drafts, passwordHash, contactTotal);

  // Checked again inside the transaction: two processes starting on one empty database load it once.
  const counts = await store.transaction(async (tx) => ((await isEmpty(tx)) ? writeDemo(tx, rows) : undefined));
  if (!counts) return { loaded: false, ms: elapsed(), counts: {} };
  await rebuildRollups(store);
  return { loaded: true, ms: elapsed(), counts };
}
