import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import pLimit from 'p-limit';
import { rateLimited } from '../core/errors.js';
import type { InputFieldLimits } from '../core/input-limits.js';

// scrypt with N=2^15, r=8: ~50 ms and 32 MiB a hash here, slow enough to make offline guessing
// costly while sign-in stays quick. Parameters are stored with the hash so they can be raised.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/**
 * scrypt runs on libuv's 4 threads and takes 32 MiB each: a burst of sign-ins (anonymous ones
 * included) would take every thread and queue everyone's sign-in behind it. At most 2 run at once;
 * at most SCRYPT_QUEUE wait, and past that the request is refused with RATE_LIMITED at once.
 */
const SCRYPT_CONCURRENCY = 2;
export const SCRYPT_QUEUE = 32;
const scryptSlots = pLimit(SCRYPT_CONCURRENCY);

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  if (scryptSlots.pendingCount >= SCRYPT_QUEUE) return Promise.reject(rateLimited(1));
  return scryptSlots(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/**
 * Every password argument (sign-in, change, reset, create): longer ones are refused before they
 * reach NFKC normalisation and scrypt, which would spend the main thread on a megabyte of text.
 */
export const PASSWORD_INPUT_LIMITS: InputFieldLimits = { maxLength: 1_024 };

/** Hashes a password for storage as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time check of a password against a stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password: compared against when the user does not exist, so timing says nothing. */
export const DUMMY_HASH_PROMISE = hashPassword(randomBytes(16).toString('hex'));

const COMMON_PASSWORDS = new Set([
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '12345678910',
  '0123456789',
  '111111',
  '11111111',
  '1111111111',
  '000000',
  '00000000',
  '0000000000',
  '123123',
  '123123123',
  '112233',
  '121212',
  '123321',
  '654321',
  '666666',
  '666888',
  '888888',
  '88888888',
  '8888888888',
  '987654321',
  '5201314',
  '520520',
  '1314520',
  'woaini',
  'woaini1314',
  'woaini520',
  'iloveyou',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty',
  'qwerty123',
  'qwertyuiop',
  'abc123',
  'abc12345',
  'abcd1234',
  'a123456',
  'a12345678',
  'aa123456',
  'asdfghjkl',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'zxcvbnm',
  'admin',
  'admin123',
  'admin@123',
  'administrator',
  'root',
  'letmein',
  'welcome',
  'welcome1',
  'changeme',
  'monkey',
  'dragon',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'master',
  'shadow',
  'michael',
  'qq123456',
  'wang1234',
  'zhang123',
  'li123456',
  'bank1234',
  'bank123456',
  'hub-demo-2026',
  'hub123456',
]);

/** The password policy: a minimum length, and not one of the most common passwords. */
export function passwordProblem(password: string, minLength: number): string | undefined {
  if (password.length < minLength) return `The password must have at least ${minLength} characters.`;
  if (password.length > 256) return 'The password may have at most 256 characters.';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || (/^\d+$/.test(password) && isSequence(password)))
    return 'This password is too common; choose another.';
  return undefined;
}

function isSequence(digits: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - digits.charCodeAt(i - 1);
    if (d !== 1 && d !== -9) up = false;
    if (d !== -1 && d !== 9) down = false;
  }
  return up || down;
}
