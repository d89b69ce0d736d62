import { rateLimited } from './errors.js';

/**
 * A per-user budget of query points per minute (a token bucket refilled continuously). A request
 * costs its computed query cost; past the budget it is refused with RATE_LIMITED and the seconds
 * to wait. In-process: each hub process keeps its own budget.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly pointsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charges `cost` to `key` or throws RATE_LIMITED. */
  charge(key: string, cost: number): void {
    const now = this.now();
    const rate = this.pointsPerMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.pointsPerMinute, at: now };
    bucket.tokens = Math.min(this.pointsPerMinute, bucket.tokens + Math.max(0, now - bucket.at) * rate);
    bucket.at = now;
    if (bucket.tokens < cost) {
      this.buckets.set(key, bucket);
      throw rateLimited(Math.max(1, Math.ceil((cost - bucket.tokens) / rate / 1000)));
    }
    bucket.tokens -= cost;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (now - b.at > 120_000) this.buckets.delete(key);
  }
}
