import type { HubDeps } from '../core/hub.js';
import { AppError, badInput, unauthenticated } from '../core/errors.js';
import { hashPassword, verifyPassword, DUMMY_HASH_PROMISE, passwordProblem } from '../core/password.js';
import { signToken, verifyToken } from './token.js';
import type { Viewer } from '../core/viewer.rules.js';
import { findUserById, findUserByUsername, usersByIds, type UserRow, users } from '../user/index.js';
import { eq } from 'drizzle-orm';
import { first } from '../core/sql.js';
import { LoginThrottle } from './login-throttle.js';
import type { ServiceScopeCode } from '../core/service-scopes.js';
import { isServiceToken } from '../service-account/index.js';

/** How auth asks whether a bearer value is an integration's service token (service-account's service). */
export interface ServiceTokens {
  authenticate(token: string): Promise<{ user: UserRow; scopes: ServiceScopeCode[] } | undefined>;
}

/** A service token has no expiry of its own: it lasts until revoked. */
const NEVER = Number.MAX_SAFE_INTEGER;

/** Users read by one query of refreshAll. */
const REFRESH_BATCH = 500;

export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly deps: HubDeps,
    private readonly serviceTokens?: ServiceTokens,
  ) {
    this.throttle = LoginThrottle.create(deps.store, LoginThrottle.limitsOf(deps.env));
  }

  /**
   * Signs a user in. Unknown user, wrong password and deactivated user all answer the same
   * UNAUTHENTICATED after the same work, so the answer says nothing about which usernames exist.
   * The attempt is counted against the username and the source address before the password is
   * checked; past either budget the answer is RATE_LIMITED until the window ends (LoginThrottle).
   */
  async login(usernameIn: string, password: string, address: string): Promise<{ token: string; user: UserRow }> {
    const username = usernameIn.trim().toLowerCase();
    const { store } = this.deps;
    const attempt = await this.throttle.attempt(username, address);
    const user = username ? await findUserByUsername(store.read, username) : undefined;
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok || !user.active) throw unauthenticated('Wrong username or password.');
    await attempt.succeeded();
    return { token: await this.issue(user), user };
  }

  issue(user: UserRow): Promise<string> {
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    return signToken({ sub: user.id, tv: user.tokenVersion, iat: now, exp: now + this.deps.env.TOKEN_TTL_HOURS * 3600 }, this.deps.secret);
  }

  /**
   * The viewer a bearer token stands for, checked against the user's current state: deactivation,
   * a role or branch change and a password change all revoke earlier tokens.
   */
  async viewerFromToken(
    authorization: string | undefined | null,
  ): Promise<{ viewer: Viewer; mustChangePassword: boolean; tokenVersion: number; expiresAt: number } | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw unauthenticated('The authorization header must be "Bearer <token>".');
    if (this.serviceTokens && isServiceToken(match[1])) {
      // An integration's token: looked up by its hash at every call, so a revocation holds at once.
      const found = await this.serviceTokens.authenticate(match[1]);
      if (!found) throw unauthenticated('The service token is not valid or was revoked.');
      return {
        viewer: { ...this.viewerOf(found.user), serviceScopes: found.scopes },
        mustChangePassword: false,
        tokenVersion: found.user.tokenVersion,
        expiresAt: NEVER,
      };
    }
    const claims = await verifyToken(match[1], this.deps.secret, Math.floor(this.deps.clock.now().getTime() / 1000));
    if (!claims) throw unauthenticated('The sign-in has expired or is not valid; sign in again.');
    const user = await findUserById(this.deps.store.read, claims.sub);
    if (!user || !user.active || user.tokenVersion !== claims.tv) throw unauthenticated('The sign-in is no longer valid; sign in again.');
    return {
      viewer: this.viewerOf(user),
      mustChangePassword: user.mustChangePassword,
      tokenVersion: user.tokenVersion,
      expiresAt: claims.exp * 1000,
    };
  }

  /** Re-reads a viewer's user, for long-lived subscriptions: null once the sign-in is no longer valid. */
  async refresh(viewer: Viewer, tokenVersion: number): Promise<Viewer | null> {
    const [fresh] = await this.refreshAll([{ viewer, tokenVersion }]);
    return fresh ?? null;
  }

  /**
   * refresh for every sign-in of the live streams at once: a few queries for thousands of streams
   * instead of one each (which held the event loop for the length of a whole sweep), and one viewer
   * object per user, shared by that user's streams. Answers in the order given.
   */
  async refreshAll(signIns: readonly { viewer: Viewer; tokenVersion: number }[]): Promise<(Viewer | null)[]> {
    const ids = [...new Set(signIns.map((s) => s.viewer.id))];
    const byId = new Map<string, { user: UserRow; viewer: Viewer }>();
    for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
      // Between batches other work runs: a sweep of many users does not stall deliveries.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const user of await usersByIds(this.deps.store.read, ids.slice(i, i + REFRESH_BATCH)))
        byId.set(user.id, { user, viewer: this.viewerOf(user) });
    }
    return signIns.map((s) => {
      const found = byId.get(s.viewer.id);
      return found && found.user.active && found.user.tokenVersion === s.tokenVersion ? found.viewer : null;
    });
  }

  viewerOf(user: UserRow): Viewer {
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      branchId: user.branchId,
      departmentId: user.departmentId,
      scope: user.role === 'BRANCH_MANAGER' ? this.deps.org.subtree(user.branchId ?? '') : null,
    };
  }

  /** A user changes their own password; their other sign-ins end. */
  async changePassword(viewer: Viewer, current: string, next: string): Promise<{ token: string; user: UserRow }> {
    const { store, env, clock } = this.deps;
    const user = await findUserById(store.read, viewer.id);
    if (!user) throw unauthenticated();
    if (!(await verifyPassword(current, user.passwordHash))) throw badInput('input.currentPassword', 'The current password is wrong.');
    const problem = passwordProblem(next, env.PASSWORD_MIN_LENGTH);
    if (problem) throw badInput('input.newPassword', problem);
    if (next === current) throw badInput('input.newPassword', 'The new password must differ from the current one.');
    const hash = await hashPassword(next);
    const updated = await store.transaction(async (tx) =>
      first(
        tx
          .update(users)
          .set({ passwordHash: hash, mustChangePassword: false, tokenVersion: user.tokenVersion + 1, updatedAt: clock.now() })
          .where(eq(users.id, user.id))
          .returning(),
      ),
    );
    if (!updated) throw new AppError('INTERNAL_SERVER_ERROR', 'The password could not be changed.');
    this.deps.rights.bump();
    return { token: await this.issue(updated), user: updated };
  }
}
