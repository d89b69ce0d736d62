import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { parseContactKeys, type ContactKeySpec } from '../core/contact-keys.rules.js';
import type { Env } from '../core/env.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The keyring: every configured key opens, the active one seals. Rotation without downtime: add the
 * new key, make it active (new writes use it, old rows still open), re-encrypt the old rows in
 * batches (ContactService.reencrypt), then drop the old key from the configuration.
 */
export class ContactKeyring {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: readonly ContactKeySpec[],
    readonly activeId: string,
  ) {
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    if (!this.keys.has(activeId)) throw new Error(`The active contact key ${activeId} is not configured.`);
  }

  get ids(): string[] {
    return [...this.keys.keys()];
  }

  /** Encrypts with the active key and a fresh random IV; `aad` binds the value to its row. */
  seal(plain: string, aad: string): { keyId: string; sealed: string } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeId)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { keyId: this.activeId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** Decrypts with the key the row names; throws when that key is not configured or the value was tampered with. */
  open(keyId: string, sealed: string, aad: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Contact key ${keyId} is not configured: add it back to HUB_CONTACT_KEYS to read these rows.`);
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/** The development key, used only outside production when no key is configured (env.ts refuses that in production). */
const DEV_KEY: ContactKeySpec = { id: 'dev', key: createHash('sha256').update('voc-hub development contact key').digest() };

/** The keyring the configuration names (HUB_CONTACT_KEYS, HUB_CONTACT_KEY_ACTIVE: default the last listed). */
export function contactKeyringOf(env: Pick<Env, 'HUB_CONTACT_KEYS' | 'HUB_CONTACT_KEY_ACTIVE' | 'NODE_ENV'>): ContactKeyring {
  const parsed = parseContactKeys(env.HUB_CONTACT_KEYS);
  if (!parsed.ok) throw new Error(`HUB_CONTACT_KEYS: ${parsed.problem}`);
  if (!parsed.keys.length) {
    if (env.NODE_ENV === 'production') throw new Error('HUB_CONTACT_KEYS is required in production.');
    return new ContactKeyring([DEV_KEY], DEV_KEY.id);
  }
  return new ContactKeyring(parsed.keys, env.HUB_CONTACT_KEY_ACTIVE || parsed.keys[parsed.keys.length - 1]!.id);
}
