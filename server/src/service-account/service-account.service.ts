import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import { SERVICE_SCOPES, type ServiceScopeCode } from '../core/service-scopes.js';
import { badInput, forbidden, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { idOf, optionalText } from '../core/validate.js';
import { roleMay } from '../core/permissions.rules.js';
import { hashPassword } from '../core/password.js';
import { first } from '../core/sql.js';
import { users, findUserByUsername, type UserRow } from '../user/index.js';
import { auditScope } from '../audit/index.js';
import { serviceAccounts } from './service-account.table.js';
import { findActiveByTokenHash, findServiceAccount, listServiceAccounts, type ServiceAccountRow } from './service-account.repository.js';
import { backingUsername, isServiceToken, lastUsedDue, nameProblem, SERVICE_TOKEN_PREFIX, tokenHint } from './service-account.rules.js';

export interface CreateServiceAccountFields {
  name: string;
  description?: string | null;
  scopes: readonly string[];
}

const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The scopes kept on a row, as codes (an unknown one, from a newer version, is dropped). */
export function scopesOf(row: ServiceAccountRow): ServiceScopeCode[] {
  const parsed = JSON.parse(row.scopes) as unknown;
  return Array.isArray(parsed) ? parsed.filter((s): s is ServiceScopeCode => (SERVICE_SCOPES as readonly unknown[]).includes(s)) : [];
}

/**
 * Integrations' service accounts (issue 19): an administrator creates one with a name and scopes
 * and is shown its token once; the hub keeps the token's SHA-256 only. Every call looks the hash up
 * in the store (no cache), so a revocation is refused by every process at its next call.
 */
export class ServiceAccountService {
  /** When this process last wrote each account's last-used time: at most one write a minute each. */
  private readonly touched = new Map<string, Date>();

  constructor(private readonly deps: HubDeps) {}

  private assertAdmin(viewer: Viewer): void {
    if (!roleMay(viewer.role, 'administer') || viewer.serviceScopes) throw forbidden('Only an administrator manages service accounts.');
  }

  async list(viewer: Viewer): Promise<ServiceAccountRow[]> {
    this.assertAdmin(viewer);
    return listServiceAccounts(this.deps.store.read);
  }

  /** Creates an account and its backing user; answers the token, which is never shown again. */
  async create(viewer: Viewer, input: CreateServiceAccountFields): Promise<{ serviceAccount: ServiceAccountRow; token: string }> {
    this.assertAdmin(viewer);
    const name = input.name.trim().toLowerCase();
    const problem = nameProblem(name);
    if (problem) throw badInput('input.name', problem);
    const description = optionalText('input.description', input.description, 200);
    const scopes = [...new Set(input.scopes)] as ServiceScopeCode[];
    if (!scopes.length) throw badInput('input.scopes', 'Give the account at least one scope.');
    if (scopes.some((s) => !(SERVICE_SCOPES as readonly string[]).includes(s))) throw badInput('input.scopes', 'Unknown scope.');
    const token = `${SERVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    // The backing user has a password nobody knows (a random one, hashed as any other: a sign-in
    // attempt with its name costs what any other does and says nothing).
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const serviceAccount = await this.deps.store.transaction(async (tx) => {
      const username = backingUsername(name);
      if (
        (await first(tx.select({ id: serviceAccounts.id }).from(serviceAccounts).where(eq(serviceAccounts.name, name)))) ||
        (await findUserByUsername(tx, username))
      )
        throw badInput('input.name', 'This name is taken.');
      const now = this.deps.clock.now();
      const userId = newId('User');
      await tx.insert(users).values({
        id: userId,
        username,
        displayName: `服务账号 ${name}`,
        role: 'ANALYST',
        passwordHash,
        mustChangePassword: false,
        createdAt: now,
        updatedAt: now,
      });
      const [row] = await tx
        .insert(serviceAccounts)
        .values({
          id: newId('ServiceAccount'),
          name,
          description,
          scopes: JSON.stringify(scopes),
          tokenHash: sha256(token),
          tokenHint: tokenHint(token),
          userId,
          createdBy: viewer.id,
          createdAt: now,
        })
        .returning();
      return row!;
    });
    return { serviceAccount, token };
  }

  /** Revokes an account: its token is refused at the next call on every process, its streams end. */
  async revoke(viewer: Viewer, idIn: string): Promise<ServiceAccountRow> {
    this.assertAdmin(viewer);
    const id = idOf('input.id', idIn, 'ServiceAccount');
    const row = await this.deps.store.transaction(async (tx) => {
      const account = await findServiceAccount(tx, id);
      if (!account) throw notFound('ServiceAccount', id);
      if (account.revokedAt) return account;
      const now = this.deps.clock.now();
      const user = await first(tx.select().from(users).where(eq(users.id, account.userId)));
      if (user)
        await tx
          .update(users)
          .set({ active: false, tokenVersion: user.tokenVersion + 1, updatedAt: now })
          .where(eq(users.id, user.id));
      return (await first(
        tx.update(serviceAccounts).set({ revokedAt: now, revokedBy: viewer.id }).where(eq(serviceAccounts.id, id)).returning(),
      ))!;
    });
    this.deps.rights.bump();
    return row;
  }

  /**
   * The backing user and scopes of a valid, unrevoked token; undefined otherwise. Notes the
   * last-used time, at most once a minute per account and process, in its own small write that a
   * failure of does not fail the call.
   */
  async authenticate(token: string): Promise<{ user: UserRow; scopes: ServiceScopeCode[] } | undefined> {
    if (!isServiceToken(token)) return undefined;
    const found = await findActiveByTokenHash(this.deps.store.read, sha256(token));
    if (!found || !found.user.active) return undefined;
    const now = this.deps.clock.now();
    if (lastUsedDue(this.touched.get(found.account.id) ?? found.account.lastUsedAt, now)) {
      this.touched.set(found.account.id, now);
      // Outside the request's audit scope: this write is bookkeeping, not the request's mutation.
      void auditScope
        .exit(() =>
          this.deps.store.transaction((tx) =>
            tx.update(serviceAccounts).set({ lastUsedAt: now }).where(eq(serviceAccounts.id, found.account.id)),
          ),
        )
        .catch((err: Error) => this.deps.log.warn({ err: { message: err.message } }, 'service account last-used time not written'));
    }
    return { user: found.user, scopes: scopesOf(found.account) };
  }
}
