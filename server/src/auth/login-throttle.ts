import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../core/db.js';
import type { Env } from '../core/env.js';
import { rateLimited } from '../core/errors.js';
import { addressGroup } from '../core/client-address.js';

/** The PostgreSQL table of the attempt counters (migrations/postgres), in rate-limiter-flexible's shape. */
export const LOGIN_ATTEMPTS_TABLE = 'login_attempts';

export interface LoginThrottleLimits {
  /** Failed sign-ins one username may have in a window. */
  perUser: number;
  /** Failed sign-ins one source address (IPv6: one /64) may have in a window, across usernames. */
  perAddress: number;
  /** The window, counted from the first failure; its failures are then forgotten. */
  windowSeconds: number;
}

/** What the caller reports once the password has been checked. */
export interface LoginAttempt {
  /** The password was right: the username's failures are forgotten and the address's attempt refunded. */
  succeeded(): Promise<void>;
}

/**
 * Counts sign-in attempts per username and per source address, in a store all hub processes share.
 * The attempt is charged atomically *before* the password is checked (an increment that answers the
 * new count), so requests sent in parallel cannot all read the same count and all go through:
 * past the budget every one is refused with RATE_LIMITED and the seconds until the window ends,
 * and the password is not checked at all. A success refunds the attempt, so only failures count.
 * Counters carry their expiry: an unknown username leaves nothing that outlives the window.
 */
export class LoginThrottle {
  constructor(
    private readonly byUser: RateLimiterAbstract,
    private readonly byAddress: RateLimiterAbstract,
  ) {}

  /**
   * In process memory on SQLite (one process owns the database file), in a PostgreSQL table on
   * PostgreSQL, where several hub processes serve one database and must see the same counts.
   */
  static create(store: Store, limits: LoginThrottleLimits): LoginThrottle {
    const make = (keyPrefix: string, points: number): RateLimiterAbstract => {
      const options = { keyPrefix, points, duration: limits.windowSeconds };
      if (store.dialect !== 'postgres') return new RateLimiterMemory(options);
      // drizzle's node-postgres database keeps its pool as `$client`.
      const pool = (store.read as unknown as { $client: pg.Pool }).$client;
      return new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        tableName: LOGIN_ATTEMPTS_TABLE,
        // Created by the migrations, so that no request ever runs DDL.
        tableCreated: true,
      });
    };
    return new LoginThrottle(make('login-user', limits.perUser), make('login-address', limits.perAddress));
  }

  static limitsOf(env: Env): LoginThrottleLimits {
    return {
      perUser: env.LOGIN_MAX_FAILURES_PER_USER,
      perAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    };
  }

  /**
   * Charges one attempt to `username` (already normalised) and to `address`; throws RATE_LIMITED
   * with the seconds to wait when either budget is spent. A store failure is thrown as is: the hub
   * refuses sign-ins rather than checking passwords without a throttle.
   */
  async attempt(username: string, address: string): Promise<LoginAttempt> {
    // Usernames are hashed: the store keeps no text an anonymous client chose, and keys stay short.
    const userKey = createHash('sha256').update(username).digest('base64url');
    const addressKey = addressGroup(address);
    const outcomes = await Promise.allSettled([this.byUser.consume(userKey), this.byAddress.consume(addressKey)]);
    let waitMs = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
      waitMs = Math.max(waitMs, outcome.reason.msBeforeNext);
    }
    if (waitMs || outcomes.some((o) => o.status === 'rejected')) throw rateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
    return {
      succeeded: async () => {
        await Promise.all([this.byUser.delete(userKey), this.byAddress.reward(addressKey, 1)]);
      },
    };
  }
}
