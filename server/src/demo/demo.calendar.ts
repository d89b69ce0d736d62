/** Time in the demo: six months of Beijing office days, and when customers get in touch. */
import { at, Sampler, type Rng } from './demo.random.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** The bank works on Beijing time: days, weekdays and office hours are counted in UTC+8. */
export const BEIJING_OFFSET = 8 * HOUR;
export const HISTORY_DAYS = 182;

/** Relative contact volume by Beijing hour: a morning and an afternoon peak, quiet nights. */
export const HOUR_WEIGHTS = [
  0.1, 0.05, 0.03, 0.03, 0.03, 0.05, 0.15, 0.4, 0.9, 1.4, 1.6, 1.4, 0.9, 1.1, 1.4, 1.5, 1.3, 1.0, 0.8, 0.8, 0.8, 0.6, 0.35, 0.2,
] as const;
/** By Beijing weekday, Sunday first: Mondays are the busiest, weekends quiet. */
const WEEKDAY_WEIGHTS = [0.5, 1.2, 1.05, 1.0, 1.0, 0.95, 0.6] as const;

/** The loop is worked in office hours, 08:30–20:00 Beijing time: its steps are laid on that clock. */
const OFFICE_OPENS = 8.5 * HOUR;
const OFFICE_DAY = 11.5 * HOUR;
/** Calendar durations become office durations in this ratio, so that a plan keeps its length in days. */
export const OFFICE_RATIO = OFFICE_DAY / DAY;

/** Office time elapsed up to `t` (constant through the night). */
export function toOffice(t: number): number {
  const local = t + BEIJING_OFFSET;
  const day = Math.floor(local / DAY);
  const within = Math.min(Math.max(local - day * DAY - OFFICE_OPENS, 0), OFFICE_DAY);
  return day * OFFICE_DAY + within;
}

/** The moment at which `w` of office time has elapsed. */
export function fromOffice(w: number): number {
  const day = Math.floor(w / OFFICE_DAY);
  return Math.floor(day * DAY + OFFICE_OPENS + (w - day * OFFICE_DAY) - BEIJING_OFFSET);
}

function beijingDayStart(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET) / DAY) * DAY - BEIJING_OFFSET;
}
export function beijingHour(ms: number): number {
  return Math.floor(((ms + BEIJING_OFFSET) % DAY) / HOUR);
}
function beijingWeekday(ms: number): number {
  return new Date(ms + BEIJING_OFFSET).getUTCDay();
}

export class Calendar {
  readonly start: number;
  readonly todayStart: number;
  private readonly cellStarts: number[] = [];
  private readonly cellWeights: number[] = [];
  private readonly sampler: Sampler<number>;
  private readonly maxWeight: number;

  constructor(readonly now: number) {
    this.todayStart = beijingDayStart(now);
    this.start = this.todayStart - HISTORY_DAYS * DAY;
    let max = 0;
    for (let t = this.start; t < now; t += HOUR) {
      const w = this.weightAt(t);
      this.cellStarts.push(t);
      this.cellWeights.push(w);
      if (w > max) max = w;
    }
    this.maxWeight = max;
    this.sampler = new Sampler(
      this.cellStarts.map((_, i) => i),
      this.cellWeights,
    );
  }

  /** Volume grows slowly over the half year (more customers on the new channels). */
  weightAt(t: number): number {
    const progress = (t - this.start) / (this.now - this.start);
    return (HOUR_WEIGHTS[beijingHour(t)] ?? 0) * (WEEKDAY_WEIGHTS[beijingWeekday(t)] ?? 1) * (0.88 + 0.24 * progress);
  }

  /** A moment in the six months, following the daily and weekly rhythm. */
  sample(rng: Rng): number {
    const cellStart = at(this.cellStarts, this.sampler.draw(rng));
    return cellStart + Math.floor(rng.next() * Math.min(HOUR, this.now - cellStart));
  }

  /** A moment in [from, to), skewed towards `to` by `skew` (1: flat) and following the rhythm. */
  sampleIn(rng: Rng, from: number, to: number, skew = 1): number {
    let t = to - 1;
    for (let tries = 0; tries < 40; tries++) {
      t = Math.floor(to - (to - from) * Math.pow(rng.next(), skew));
      if (t >= to) t = to - 1;
      if (rng.next() * this.maxWeight < this.weightAt(t)) return t;
    }
    return t;
  }
}
