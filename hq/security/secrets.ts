// Terminal credentials and enrolment codes. A credential secret is 256 random bits: scrypt keeps a
// stolen database from yielding usable credentials, and the verified-credential cache keeps scrypt
// off the path of every push (a till pushes after each sale).
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const SCRYPT: ScryptOptions & { N: number; r: number; p: number } = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export const newSecret = () => randomBytes(32).toString('base64url');

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** Compared when a terminal is unknown, so that its answer takes as long as a wrong secret's. */
export const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$AAAAAAAAAAAAAAAAAAAAAA==$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Remembers, per terminal, the secret that last matched its stored hash (as a SHA-256 digest), so a
 * known credential is checked in microseconds. A changed hash (re-enrolment) misses the cache.
 */
export class VerifiedCredentials {
  private readonly entries = new Map<string, { hash: string; digest: Buffer }>();
  constructor(private readonly capacity = 50_000) {}

  async verify(terminalId: string, secret: string, stored: string): Promise<boolean> {
    const digest = sha256(secret);
    const known = this.entries.get(terminalId);
    if (known && known.hash === stored) return timingSafeEqual(known.digest, digest);
    if (!(await verifySecret(secret, stored))) return false;
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(terminalId, { hash: stored, digest });
    return true;
  }
}

// Crockford base32 without I, L, O, U: read aloud and typed by whoever installs the till.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10; // 50 bits: unguessable within a code's minutes of life under the rate limit

/** A new enrolment code, printed as `ABCDE-FGHJK`. */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The code as typed, in any case, with or without dashes and spaces; O, I and L read as 0, 1, 1. */
export function normaliseEnrolmentCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const enrolmentCodeHash = (typed: string) => sha256(normaliseEnrolmentCode(typed));
