import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { badInput, forbidden } from '../core/errors.js';
import { customerContacts } from './contact.table.js';
import { contactKeyringOf, type ContactKeyring } from './contact.cipher.js';
import { maskPhone, normalizePhone } from './contact.rules.js';
import {
  contactsNotUnder,
  contactsOf,
  countContactsNotUnder,
  findContact,
  type ContactOwnerType,
  type ContactRow,
} from './contact.repository.js';
import { and, eq } from 'drizzle-orm';

const BATCH_MAX = 1_000;
const BATCHES_MAX = 1_000;

/** What a re-encryption pass did. */
export interface ReencryptResult {
  rewritten: number;
  /** Rows still under another key than the active one (0: the old keys may be dropped). */
  remaining: number;
  activeKeyId: string;
}

/**
 * Customers' contact details (the phone a callback needs), encrypted at rest with the configured
 * keys. Other features store a phone in their own write's transaction (`put`) and read it back
 * masked, or in clear only through their own explicit, audited reveal.
 */
export class ContactService {
  readonly keyring: ContactKeyring;

  constructor(private readonly deps: HubDeps) {
    this.keyring = contactKeyringOf(deps.env);
  }

  /** The phone as stored, or BAD_USER_INPUT on `field` when it is not a phone number. */
  phoneInput(field: string, value: string | null | undefined): string | null {
    if (value === null || value === undefined || !value.trim()) return null;
    const phone = normalizePhone(value);
    if (!phone) throw badInput(field, `${field} is not a phone number.`);
    return phone;
  }

  /** Stores (or replaces) an owner's phone, sealed with the active key, in the caller's transaction. */
  async put(tx: Db, ownerType: ContactOwnerType, ownerId: string, phone: string, now: Date): Promise<void> {
    const { keyId, sealed } = this.keyring.seal(phone, aadOf(ownerType, ownerId));
    await tx
      .insert(customerContacts)
      .values({ ownerType, ownerId, keyId, sealed, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [customerContacts.ownerType, customerContacts.ownerId], set: { keyId, sealed, updatedAt: now } });
  }

  /** The phone in clear, for a caller that has checked and audits the reveal; null when none is stored. */
  async phoneOf(db: Db, ownerType: ContactOwnerType, ownerId: string): Promise<string | null> {
    const row = await findContact(db, ownerType, ownerId);
    return row ? this.open(row) : null;
  }

  /** The owners' phones, masked (`138****5678`), by owner id. */
  async maskedOf(db: Db, ownerType: ContactOwnerType, ownerIds: readonly string[]): Promise<Map<string, string>> {
    return new Map((await contactsOf(db, ownerType, ownerIds)).map((r) => [r.ownerId, maskPhone(this.open(r))]));
  }

  /** Which of the owners have a phone stored. */
  async haveContact(db: Db, ownerType: ContactOwnerType, ownerIds: readonly string[]): Promise<Set<string>> {
    return new Set((await contactsOf(db, ownerType, ownerIds)).map((r) => r.ownerId));
  }

  /**
   * ADMIN: re-encrypts rows still under an old key with the active one, in batches of `batchSize`
   * rows, each its own short transaction (writers wait for one batch at most, readers never: every
   * configured key still opens). A row changed between read and write is left for the next pass.
   */
  async reencrypt(viewer: Viewer, input: { batchSize?: number | null; batches?: number | null }): Promise<ReencryptResult> {
    if (viewer.role !== 'ADMIN') throw forbidden('Only an administrator re-encrypts contact details.');
    const batchSize = input.batchSize ?? 500;
    const batches = input.batches ?? 100;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > BATCH_MAX)
      throw badInput('input.batchSize', `input.batchSize must be 1 to ${BATCH_MAX}.`);
    if (!Number.isInteger(batches) || batches < 1 || batches > BATCHES_MAX)
      throw badInput('input.batches', `input.batches must be 1 to ${BATCHES_MAX}.`);
    const active = this.keyring.activeId;
    let rewritten = 0;
    for (let b = 0; b < batches; b++) {
      const done = await this.deps.store.transaction(async (tx) => {
        const rows = await contactsNotUnder(tx, active, batchSize);
        const now = this.deps.clock.now();
        for (const r of rows) {
          const { keyId, sealed } = this.keyring.seal(this.open(r), aadOf(r.ownerType, r.ownerId));
          await tx
            .update(customerContacts)
            .set({ keyId, sealed, updatedAt: now })
            .where(
              and(
                eq(customerContacts.ownerType, r.ownerType),
                eq(customerContacts.ownerId, r.ownerId),
                eq(customerContacts.keyId, r.keyId),
              ),
            );
        }
        return rows.length;
      });
      rewritten += done;
      if (done < batchSize) break;
    }
    return { rewritten, remaining: await countContactsNotUnder(this.deps.store.read, active), activeKeyId: active };
  }

  private open(row: ContactRow): string {
    return this.keyring.open(row.keyId, row.sealed, aadOf(row.ownerType, row.ownerId));
  }
}

const aadOf = (ownerType: string, ownerId: string) => `${ownerType}:${ownerId}`;
