import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startBank, type Bank } from './bank.fixture.js';
import { sql } from 'drizzle-orm';
import { rebuildRollups, FEEDBACK_CUBE } from '../../../server/src/report/rollup.repository.js';
import { addToCube } from '../../../server/src/core/cube.repository.js';
import { newId } from '../../../server/src/core/ids.js';
import { exec, row } from '../../../server/src/core/sql.js';
import { positional } from '../../utils/hub.js';
import type { ContactFields } from '../../../server/src/kpi/kpi.service.js';

/**
 * The rollups equal a full recount after any mix of writes through the services: feedback at month
 * and midnight edges, refused and replayed writes, contact batches out of time order with repeat
 * customers; and every range read through them (whole months, whole days, ragged ends, one branch
 * subtree) equals counting the rows by brute force. The recount here shares no code with the hub.
 */
const cst = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const localDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const KINDS = ['PRAISE', 'PROBLEM', 'SUGGESTION'] as const;
const CHANNELS = ['VOICE', 'ONLINE', 'WECHAT', 'VIDEO', 'BRANCH', 'SELF_SERVICE'] as const;
const EDGES = [
  '2026-09-30 23:59:59.999',
  '2026-10-01 00:00:00',
  '2026-10-01 00:00:00.001',
  '2026-10-15 00:00:00',
  '2026-10-15 23:59:59.999',
  '2026-10-31 23:59:59.999',
  '2026-11-01 00:00:00',
  '2026-11-08 00:00:00',
  '2026-11-28 09:59:00',
].map(cst);
const instant = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: cst('2026-09-25 00:00'), max: cst('2026-11-28 09:59') }));

let bank: Bank;
beforeAll(async () => {
  bank = await startBank(new Date(cst('2026-11-28 10:00')));
});
afterAll(async () => bank.hub.stop());

type Op =
  | {
      op: 'feedback';
      kind: number;
      channel: number;
      category: number;
      branch: number;
      at: number;
      complaint: boolean;
      key: string | null;
      bad: boolean;
    }
  | { op: 'contacts'; records: ContactDraft[]; bad: boolean }
  | { op: 'problem'; take: number }
  | { op: 'bulk'; at: number[] };
interface ContactDraft {
  channel: number;
  branch: number | null;
  at: number;
  answered: boolean;
  wait: number;
  first: number | null;
  transferred: boolean;
  workOrder: boolean;
  complaint: boolean;
  satisfaction: number | null;
  customer: number | null;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('feedback' as const),
    kind: fc.nat(2),
    channel: fc.nat(5),
    category: fc.nat(2),
    branch: fc.nat(4),
    at: instant,
    complaint: fc.boolean(),
    // Mostly none; now and then a key seen before: replayed or refused, never counted twice.
    key: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('k1', 'k2', 'k3') }),
    bad: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  }),
  fc.record({
    op: fc.constant('contacts' as const),
    records: fc.array(
      fc.record({
        channel: fc.nat(5),
        branch: fc.option(fc.nat(4), { nil: null }),
        at: instant,
        answered: fc.boolean(),
        wait: fc.constantFrom(0, 24, 25, 26, 90),
        first: fc.option(fc.constantFrom(5, 30, 31), { nil: null }),
        transferred: fc.boolean(),
        workOrder: fc.boolean(),
        complaint: fc.boolean(),
        satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        customer: fc.option(fc.nat(3), { nil: null }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    bad: fc.integer({ min: 0, max: 9 }).map((n) => n < 1),
  }),
  fc.record({ op: fc.constant('problem' as const), take: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('bulk' as const), at: fc.array(instant, { minLength: 1, maxLength: 5 }) }),
);

async function apply(ops: Op[]): Promise<void> {
  const { services: s, as, branch, category } = bank;
  const branches = [branch.HO, branch.SH, branch['SH-PD'], branch.BJ, branch.GZ];
  const categories = [category.CREDIT_CARD, category.E_BANKING, category.DEPOSIT];
  for (const o of ops) {
    if (o.op === 'feedback') {
      await s.feedback
        .record(as.agent!, {
          kind: KINDS[o.kind]!,
          channel: CHANNELS[o.channel]!,
          // A refused write: a category that does not exist, found inside the transaction.
          categoryId: o.bad ? newId('Category') : categories[o.category]!,
          branchId: branches[o.branch]!,
          text: '客户反映问题',
          receivedAt: new Date(o.at),
          complaint: o.complaint,
          idempotencyKey: o.key,
        })
        .catch((err: { extensions?: { code?: string } }) => expect(err.extensions?.code).toBe('BAD_USER_INPUT'));
    } else if (o.op === 'contacts') {
      const records: ContactFields[] = o.records.map((r, i) => ({
        channel: CHANNELS[r.channel]!,
        branchId: r.branch === null ? null : branches[r.branch]!,
        offeredAt: new Date(r.at),
        answered: r.answered,
        waitSeconds: r.wait,
        firstResponseSeconds: r.first,
        transferred: r.transferred,
        workOrder: r.workOrder,
        complaint: r.complaint,
        satisfaction: o.bad && i === 0 ? 6 : r.satisfaction,
        customerRef: r.customer === null ? null : `C${r.customer}`,
      }));
      await s.kpis
        .recordContacts(as.analyst!, records)
        .catch((err: { extensions?: { code?: string } }) => expect(err.extensions?.code).toBe('BAD_USER_INPUT'));
    } else if (o.op === 'bulk') {
      // A bulk load around the services (an import): rows inserted raw, then counted in the same
      // transaction by condition.
      await bank.hub.store.transaction(async (tx) => {
        const before = (await row<{ n: number }>(tx, positional('SELECT coalesce(max(rowid), 0) AS n FROM feedback', [])))!.n;
        for (const [i, at] of o.at.entries())
          await exec(
            tx,
            positional(
              'INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
              [newId('Feedback', at), KINDS[i % 3], CHANNELS[i % 6], categories[i % 3], branches[i % 5], at, '导入的反馈', i % 2, at],
            ),
          );
        await addToCube(tx, FEEDBACK_CUBE, sql`f.rowid > ${before}`);
      });
    } else {
      // Grouping moves feedback between problems: the rollups must not care.
      const free = await bank.hub.db.all<{ id: string }>('SELECT id FROM feedback WHERE problem_id IS NULL LIMIT ?', o.take);
      await s.problems.open(as.analyst!, {
        title: '分组',
        categoryId: category.CREDIT_CARD,
        severity: 'LOW',
        feedbackIds: free.map((f) => f.id),
      });
    }
  }
}

interface FeedbackRowRaw {
  kind: string;
  channel: string;
  category_id: string;
  branch_id: string;
  received_at: number;
  complaint: number;
}
interface ContactRowRaw {
  id: number;
  channel: string;
  branch_id: string | null;
  offered_at: number;
  answered: number;
  wait_seconds: number;
  first_response_seconds: number | null;
  transferred: number;
  work_order: number;
  complaint: number;
  satisfaction: number | null;
  customer_ref: string | null;
}

const feedbackRows = () => bank.hub.db.all<FeedbackRowRaw>('SELECT * FROM feedback');

/** Each contact with its repeat flag: the customer's previous contact (time, then id) within 7 days. */
async function contactRows(): Promise<(ContactRowRaw & { repeat: boolean })[]> {
  const rows = await bank.hub.db.all<ContactRowRaw>('SELECT * FROM contact_records');
  const sorted = [...rows].sort((a, b) => a.offered_at - b.offered_at || a.id - b.id);
  const last = new Map<string, number>();
  const repeat = new Set<number>();
  for (const r of sorted) {
    if (r.customer_ref === null) continue;
    const prev = last.get(r.customer_ref);
    if (prev !== undefined && prev >= r.offered_at - 7 * DAY) repeat.add(r.id);
    last.set(r.customer_ref, r.offered_at);
  }
  return rows.map((r) => ({ ...r, repeat: repeat.has(r.id) }));
}

type ContactRow = Awaited<ReturnType<typeof contactRows>>[number];

function counters(rows: ContactRow[]) {
  const c = (f: (r: ContactRow) => boolean) => rows.filter(f).length;
  return {
    offered: rows.length,
    answered: c((r) => !!r.answered),
    answeredWithinThreshold: c((r) => !!r.answered && r.wait_seconds <= 25),
    responded: c((r) => r.first_response_seconds !== null),
    respondedWithinThreshold: c((r) => r.first_response_seconds !== null && r.first_response_seconds <= 30),
    rated: c((r) => r.satisfaction !== null),
    satisfied: c((r) => r.satisfaction !== null && r.satisfaction >= 4),
    transferred: c((r) => !!r.answered && !!r.transferred),
    workOrders: c((r) => !!r.answered && !!r.work_order),
    complaints: c((r) => !!r.answered && !!r.complaint),
    identified: c((r) => r.customer_ref !== null),
    repeats: c((r) => r.repeat),
  };
}

/** The rollup tables as they should be, recounted from the rows. */
async function recount() {
  const fb = new Map<string, { items: number; complaints: number }>();
  const series = new Map<string, { items: number; complaints: number }>();
  const count = (into: Map<string, { items: number; complaints: number }>, key: string, complaint: number) => {
    const v = into.get(key) ?? { items: 0, complaints: 0 };
    v.items++;
    v.complaints += complaint;
    into.set(key, v);
  };
  for (const f of await feedbackRows())
    for (const period of [localDay(f.received_at), localDay(f.received_at).slice(0, 7)]) {
      const grain = period.length === 10 ? 'DAY' : 'MONTH';
      count(fb, [grain, period, f.branch_id, f.category_id, f.channel, f.kind].join('|'), f.complaint);
      count(series, [grain, period, f.branch_id, f.kind].join('|'), f.complaint);
    }
  const groups = new Map<string, ContactRow[]>();
  for (const r of await contactRows())
    for (const period of [localDay(r.offered_at), localDay(r.offered_at).slice(0, 7)]) {
      const key = [period.length === 10 ? 'DAY' : 'MONTH', period, r.branch_id ?? '', r.channel].join('|');
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
  const ct = new Map([...groups].map(([k, rows]) => [k, counters(rows)]));
  return {
    feedback: Object.fromEntries([...fb].sort()),
    series: Object.fromEntries([...series].sort()),
    contacts: Object.fromEntries([...ct].sort()),
  };
}

/** The rollup tables as stored. */
async function stored() {
  const fb = await bank.hub.db.all<Record<string, string | number>>('SELECT * FROM feedback_rollups');
  const ct = await bank.hub.db.all<Record<string, string | number>>('SELECT * FROM contact_rollups');
  const series = await bank.hub.db.all<Record<string, string | number>>('SELECT * FROM feedback_series_rollups');
  return {
    series: Object.fromEntries(
      series.map((r) => [[r.grain, r.period, r.branch_id, r.kind].join('|'), { items: r.items, complaints: r.complaints }] as const).sort(),
    ),
    feedback: Object.fromEntries(
      fb
        .map(
          (r) =>
            [
              [r.grain, r.period, r.branch_id, r.category_id, r.channel, r.kind].join('|'),
              { items: r.items, complaints: r.complaints },
            ] as const,
        )
        .sort(),
    ),
    contacts: Object.fromEntries(
      ct
        .map(
          (r) =>
            [
              [r.grain, r.period, r.branch_id, r.channel].join('|'),
              {
                offered: r.offered,
                answered: r.answered,
                answeredWithinThreshold: r.answered_within_threshold,
                responded: r.responded,
                respondedWithinThreshold: r.responded_within_threshold,
                rated: r.rated,
                satisfied: r.satisfied,
                transferred: r.transferred,
                workOrders: r.work_orders,
                complaints: r.complaints,
                identified: r.identified,
                repeats: r.repeats,
              },
            ] as const,
        )
        .sort(),
    ),
  };
}

/** What a dashboard over [from, to) must show, counted from the rows. */
async function bruteForce(from: number | null, to: number | null, branchIds: ReadonlySet<string> | null) {
  const inRange = (t: number) => (from === null || t >= from) && (to === null || t < to);
  const fb = (await feedbackRows()).filter((f) => inRange(f.received_at) && (!branchIds || branchIds.has(f.branch_id)));
  const ct = (await contactRows()).filter(
    (r) => inRange(r.offered_at) && (!branchIds || (r.branch_id !== null && branchIds.has(r.branch_id))),
  );
  return {
    byKind: KINDS.map((k) => fb.filter((f) => f.kind === k).length),
    byChannel: CHANNELS.map((c) => fb.filter((f) => f.channel === c).length),
    counters: counters(ct),
  };
}

const rangeArb = fc
  .tuple(fc.option(instant, { nil: null }), fc.option(instant, { nil: null }))
  .map(([a, b]) => (a !== null && b !== null && a > b ? ([b, a] as const) : ([a, b] as const)));

describe('rollups', () => {
  it('equal a full recount after any mix of writes, and every range read through them equals a brute-force count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 3, maxLength: 25 }),
        fc.array(rangeArb, { minLength: 1, maxLength: 3 }),
        async (ops, ranges) => {
          await apply(ops);
          expect(await stored()).toEqual(await recount());
          for (const [from, to] of ranges) {
            for (const [viewer, scope] of [
              [bank.as.coordinator!, null],
              [bank.as['bm.sh']!, bank.as['bm.sh']!.scope],
            ] as const) {
              const d = await bank.services.reports.dashboard(viewer, {
                from: from === null ? null : new Date(from),
                to: to === null ? null : new Date(to),
              });
              const expected = await bruteForce(from, to, scope);
              expect(d.feedbackByKind.map((k) => k.count)).toEqual(expected.byKind);
              expect(d.feedbackByChannel.map((c) => c.count)).toEqual(expected.byChannel);
              expect(d.kpis.counters).toEqual(expected.counters);
              if (from !== null && to !== null && to > from) {
                // The daily series: each local day of the range, counted from the rows in the range.
                const rows = (await feedbackRows()).filter(
                  (f) => f.received_at >= from && f.received_at < to && (!scope || scope.has(f.branch_id)),
                );
                const days = d.feedbackDaily.map((x) => x.day);
                expect(days[0]).toBe(localDay(from));
                expect(days.at(-1)).toBe(localDay(to - 1));
                for (const x of d.feedbackDaily) {
                  const mine = rows.filter((f) => localDay(f.received_at) === x.day);
                  expect([x.praise, x.problems, x.suggestions, x.complaints, x.total]).toEqual([
                    ...KINDS.map((k) => mine.filter((f) => f.kind === k).length),
                    mine.reduce((n, f) => n + f.complaint, 0),
                    mine.length,
                  ]);
                }
              }
            }
          }
        },
      ),
      { numRuns: 50 },
    );
    // The runs did exercise what the property is about.
    expect((await feedbackRows()).length).toBeGreaterThan(20);
    expect((await contactRows()).filter((r) => r.repeat).length).toBeGreaterThan(0);
  }, 120_000);

  it('rebuilt from the rows, equal what the writes kept', async () => {
    const kept = await stored();
    await rebuildRollups(bank.hub.store);
    expect(await stored()).toEqual(kept);
    expect(await stored()).toEqual(await recount());
  });

  it('the monthly report reads the same figures as the rows', async () => {
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, '2026-10');
    const expected = await bruteForce(cst('2026-10-01 00:00'), cst('2026-11-01 00:00'), null);
    expect([r.praise, r.problems, r.suggestions]).toEqual(expected.byKind);
    expect(r.byChannel.map((c) => c.count)).toEqual(expected.byChannel);
    expect(r.kpis.counters).toEqual(expected.counters);
  });
});
