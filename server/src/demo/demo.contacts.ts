/** Contact records, the KPIs' raw material: every call and session offered to the contact center. */
import type { contactRecords } from '../app/tables.js';
import { Sampler } from './demo.random.js';
import { beijingHour, HOUR_WEIGHTS } from './demo.calendar.js';
import type { Channel, Demo } from './demo.model.js';

const CONTACT_CHANNELS: readonly (readonly [Channel, number])[] = [
  ['VOICE', 56],
  ['ONLINE', 16],
  ['WECHAT', 15],
  ['VIDEO', 4],
  ['SELF_SERVICE', 5],
  ['BRANCH', 4],
];
const SATISFACTION: readonly (readonly [number, number])[] = [
  [5, 55],
  [4, 28],
  [3, 10],
  [2, 4],
  [1, 3],
];

/**
 * `total` contact records in the order they were offered, drawn from the contacts stream alone, one
 * at a time so that the data set never holds them all.
 */
export function* contactRows(d: Demo, total: number): Generator<typeof contactRecords.$inferInsert> {
  const rng = d.rngs.contacts;
  const cal = d.calendar;
  const times = new Float64Array(total);
  for (let i = 0; i < total; i++) times[i] = cal.sample(rng);
  times.sort();
  const channels = Sampler.of(CONTACT_CHANNELS);
  const ratings = Sampler.of(SATISFACTION);
  const branchNodes = d.nodes.filter((n) => n.level === 'BRANCH' || n.level === 'SUB_BRANCH');
  const branches = new Sampler(
    branchNodes,
    branchNodes.map((n) => n.weight),
  );
  const pool = d.customerPool;
  const customers = new Sampler(
    pool,
    pool.map((_, i) => (i < pool.length * 0.05 ? 8 : 1)),
  );
  const span = d.now - cal.start;
  for (let i = 0; i < total; i++) {
    const t = times[i] ?? d.now - 1;
    const progress = (t - cal.start) / span;
    const channel = channels.draw(rng);
    const peak = (HOUR_WEIGHTS[beijingHour(t)] ?? 0) >= 1.4;
    // The loop pays off: answer rate and service level improve over the half year.
    const answerP = (channel === 'VOICE' ? 0.905 : 0.94) + 0.04 * (progress - 0.5) - (peak ? 0.015 : -0.01);
    const answered = rng.chance(answerP);
    let wait: number;
    let firstResponse: number | null = null;
    let transferred = false;
    let workOrder = false;
    let complaint = false;
    let satisfaction: number | null = null;
    if (answered) {
      const within = rng.chance(0.81 + 0.08 * (progress - 0.5) - (peak ? 0.05 : -0.035));
      wait = within ? Math.floor(Math.pow(rng.next(), 1.6) * 25) : 25 + Math.min(575, Math.floor(-Math.log(1 - rng.next()) * 50));
      if (channel === 'ONLINE' || channel === 'WECHAT' || channel === 'VIDEO') {
        firstResponse = rng.chance(0.88) ? rng.int(2, 29) : rng.int(31, 240);
      }
      transferred = rng.chance(0.08);
      workOrder = rng.chance(0.12);
      complaint = rng.chance(workOrder ? 0.06 : 0.009);
      if (rng.chance(0.6)) satisfaction = complaint ? rng.int(1, 2) : ratings.draw(rng);
    } else {
      wait = 8 + Math.min(600, Math.floor(-Math.log(1 - rng.next()) * 60));
    }
    const customerRef = rng.chance(0.88) ? customers.draw(rng) : null;
    const branchId = rng.chance(0.72) ? null : branches.draw(rng).id;
    yield {
      channel,
      branchId,
      offeredAt: new Date(Math.floor(t)),
      answered,
      waitSeconds: wait,
      firstResponseSeconds: firstResponse,
      transferred,
      workOrder,
      complaint,
      satisfaction,
      customerRef,
    };
  }
}
