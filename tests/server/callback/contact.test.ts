import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { openStore, type Store } from '../../../server/src/core/db.js';
import { loadEnv } from '../../../server/src/core/env.js';
import { ContactService } from '../../../server/src/contact/contact.service.js';
import { contactKeyringOf } from '../../../server/src/contact/contact.cipher.js';
import type { HubDeps } from '../../../server/src/core/hub.js';
import type { Viewer } from '../../../server/src/core/viewer.rules.js';
import { createLogger } from '../../../server/src/core/logger.js';
import { TestClock, tempDir } from '../../utils/hub.js';

/**
 * Customers' phones at rest (contact/): AES-256-GCM with a random IV per value and the key id beside
 * it, on a real SQLite file; rotation without downtime — a new active key, every row still readable
 * during and after the re-encryption in batches, the old key droppable once none remains.
 */
const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const K1 = `k1:${key(1)}`;
const K2 = `k2:${key(2)}`;
const ADMIN: Viewer = { id: 'usr_admin', username: 'admin', role: 'ADMIN', branchId: null, departmentId: null, scope: null };
const AGENT: Viewer = { ...ADMIN, id: 'usr_agent', username: 'agent', role: 'AGENT' };

let dir: string;
let store: Store;
const clock = new TestClock(Date.parse('2026-11-10T10:00:00+08:00'));
const service = (env: Record<string, string>) =>
  new ContactService({
    store,
    clock,
    log: createLogger('silent'),
    env: loadEnv({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env }),
  } as unknown as HubDeps);
const phoneOf = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;

beforeEach(() => {
  dir = tempDir();
  store = openStore(path.join(dir, 'hub.sqlite'));
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function seed(s: ContactService, n: number, from = 0) {
  await store.transaction(async (tx) => {
    for (let i = from; i < from + n; i++) await s.put(tx, i % 2 ? 'FEEDBACK' : 'COMPLAINT', `owner${i}`, phoneOf(i), clock.now());
  });
}
async function readAll(s: ContactService, n: number) {
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) out.push(await s.phoneOf(store.read, i % 2 ? 'FEEDBACK' : 'COMPLAINT', `owner${i}`));
  return out;
}
const keyIds = async () =>
  (
    await store.read.all<{ key_id: string; n: number }>(
      `SELECT key_id, count(*) AS n FROM customer_contacts GROUP BY key_id ORDER BY key_id`,
    )
  ).map((r) => [r.key_id, Number(r.n)]);

describe('encrypted contact details', () => {
  it('stores ciphertext with a fresh IV each time, bound to its row; reads back in clear and masked', async () => {
    const s = service({ HUB_CONTACT_KEYS: K1 });
    await seed(s, 2);
    await store.transaction((tx) => s.put(tx, 'COMPLAINT', 'owner2', phoneOf(0), clock.now()));
    const rows = await store.read.all<{ owner_id: string; sealed: string; key_id: string }>(
      `SELECT owner_id, sealed, key_id FROM customer_contacts ORDER BY owner_id`,
    );
    // Same phone, two rows: two different ciphertexts (random IV).
    expect(rows.find((r) => r.owner_id === 'owner0')!.sealed).not.toBe(rows.find((r) => r.owner_id === 'owner2')!.sealed);
    expect(rows.every((r) => r.key_id === 'k1' && !r.sealed.includes('139'))).toBe(true);
    expect(await readAll(s, 2)).toEqual([phoneOf(0), phoneOf(1)]);
    expect((await s.maskedOf(store.read, 'COMPLAINT', ['owner0'])).get('owner0')).toBe('139****0000');
    // A value copied onto another row does not open there (the owner is the additional data).
    await store.read.run(`UPDATE customer_contacts SET sealed = '${rows[0]!.sealed}' WHERE owner_id = 'owner1'`);
    await expect(s.phoneOf(store.read, 'FEEDBACK', 'owner1')).rejects.toThrow();
  });

  it('rotation: new writes use the active key, every row stays readable, re-encryption in batches empties the old key', async () => {
    const old = service({ HUB_CONTACT_KEYS: K1 });
    await seed(old, 25);
    // The new key is added and made active; the old one still opens the old rows.
    const rotating = service({ HUB_CONTACT_KEYS: `${K1},${K2}`, HUB_CONTACT_KEY_ACTIVE: 'k2' });
    await seed(rotating, 5, 25);
    expect(await keyIds()).toEqual([
      ['k1', 25],
      ['k2', 5],
    ]);
    expect(await readAll(rotating, 30)).toEqual(Array.from({ length: 30 }, (_, i) => phoneOf(i)));
    await expect(rotating.reencrypt(AGENT, {})).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    // One batch of 10: 15 remain, all still readable mid-way.
    const first = await rotating.reencrypt(ADMIN, { batchSize: 10, batches: 1 });
    expect(first).toEqual({ rewritten: 10, remaining: 15, activeKeyId: 'k2' });
    expect(await readAll(rotating, 30)).toEqual(Array.from({ length: 30 }, (_, i) => phoneOf(i)));
    const rest = await rotating.reencrypt(ADMIN, { batchSize: 10 });
    expect(rest).toEqual({ rewritten: 15, remaining: 0, activeKeyId: 'k2' });
    expect(await keyIds()).toEqual([['k2', 30]]);
    // The old key can now go: the new one alone reads everything; the old one alone reads nothing.
    expect(await readAll(service({ HUB_CONTACT_KEYS: K2 }), 30)).toEqual(Array.from({ length: 30 }, (_, i) => phoneOf(i)));
    await expect(service({ HUB_CONTACT_KEYS: K1 }).phoneOf(store.read, 'COMPLAINT', 'owner0')).rejects.toThrow(/k2 is not configured/);
  });

  it('configuration: a development key only outside production; bad keys refused at start', () => {
    expect(contactKeyringOf(loadEnv({ NODE_ENV: 'test' })).activeId).toBe('dev');
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/HUB_CONTACT_KEYS: is required in production/);
    expect(contactKeyringOf(loadEnv({ NODE_ENV: 'production', HUB_CONTACT_KEYS: `${K1},${K2}` })).activeId).toBe('k2');
    expect(() => loadEnv({ HUB_CONTACT_KEYS: 'k1:short' })).toThrow(/HUB_CONTACT_KEYS/);
    expect(() => loadEnv({ HUB_CONTACT_KEYS: `${K1},${K1}` })).toThrow(/HUB_CONTACT_KEYS/);
    expect(() => loadEnv({ HUB_CONTACT_KEYS: K1, HUB_CONTACT_KEY_ACTIVE: 'k9' })).toThrow(/HUB_CONTACT_KEY_ACTIVE/);
    // The key never appears in the start error.
    try {
      loadEnv({ HUB_CONTACT_KEYS: `k1:${key(9)}x` });
    } catch (err) {
      expect((err as Error).message).not.toContain(key(9));
    }
  });
});
