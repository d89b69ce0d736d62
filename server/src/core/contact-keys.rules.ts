/**
 * The contact-detail keys' configuration (`HUB_CONTACT_KEYS=kid1:base64key,kid2:base64key`), parsed
 * without I/O so that env.ts can refuse a bad value at start. Each key is 32 bytes (AES-256); a key
 * id is what the ciphertext carries, so that a row names the key that reads it.
 */
export interface ContactKeySpec {
  id: string;
  key: Buffer;
}

const KID = /^[A-Za-z0-9_.-]{1,32}$/;

/** The listed keys in order, or a message saying what is wrong. Empty text: no keys. */
export function parseContactKeys(text: string): { ok: true; keys: ContactKeySpec[] } | { ok: false; problem: string } {
  const keys: ContactKeySpec[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon < 1) return { ok: false, problem: 'a key is written kid:base64key' };
    const id = part.slice(0, colon);
    if (!KID.test(id)) return { ok: false, problem: `key id ${id} may hold only letters, digits, . _ - (at most 32)` };
    const b64 = part.slice(colon + 1);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return { ok: false, problem: `key ${id} is not base64` };
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) return { ok: false, problem: `key ${id} has ${key.length} bytes, not 32` };
    if (keys.some((k) => k.id === id)) return { ok: false, problem: `key id ${id} is listed twice` };
    keys.push({ id, key });
  }
  return { ok: true, keys };
}

/** What is wrong with the configured keys, or null. */
export function contactKeySpecProblem(text: string): string | null {
  const parsed = parseContactKeys(text);
  return parsed.ok ? null : parsed.problem;
}

/** The ids of the configured keys (none when the text is invalid). */
export function contactKeyIds(text: string): string[] {
  const parsed = parseContactKeys(text);
  return parsed.ok ? parsed.keys.map((k) => k.id) : [];
}
