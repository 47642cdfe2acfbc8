import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** The legacy service hashed with bcrypt.MinCost (legacy-api.md §4.4). */
export const BCRYPT_COST = 4;

/**
 * werkzeug hashes migrated from the old DMS: `pbkdf2:sha256[:<iterations>]$<salt>$<hex>`. The pattern is the
 * legacy `tool/hash` one, which also decides whether CreateNewStudentWithAuthCode stores a password as-is.
 */
const WERKZEUG_PATTERN = /^pbkdf2:sha\d+(:\d+)?\$.*\$.*$/;
const BCRYPT_PATTERN = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;
const WERKZEUG_KEY_LENGTH = 32;
/** The legacy compare tried these counts whatever the hash said; the hash's own count is tried first. */
const LEGACY_ITERATIONS = [150_000, 50_000];

export function isWerkzeugHash(value: string): boolean {
  return WERKZEUG_PATTERN.test(value);
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function hashPasswordSync(password: string): string {
  return bcrypt.hashSync(password, BCRYPT_COST);
}

function werkzeugMatches(hash: string, password: string): boolean {
  const [method = '', salt = '', expectedHex = ''] = hash.split('$');
  const stated = Number(method.split(':')[2]);
  const counts = Number.isInteger(stated) && stated > 0 ? [stated, ...LEGACY_ITERATIONS] : LEGACY_ITERATIONS;
  const expected = Buffer.from(expectedHex, 'hex');
  if (expected.length !== WERKZEUG_KEY_LENGTH) return false;
  return [...new Set(counts)].some((iterations) =>
    timingSafeEqual(pbkdf2Sync(password, salt, iterations, WERKZEUG_KEY_LENGTH, 'sha256'), expected),
  );
}

/**
 * true/false for match/mismatch. A stored value that is neither a werkzeug nor a bcrypt hash throws, as Go's
 * bcrypt.CompareHashAndPassword returned an error other than "mismatched" and the handler answered 500.
 */
export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  if (isWerkzeugHash(storedHash)) return werkzeugMatches(storedHash, password);
  if (!BCRYPT_PATTERN.test(storedHash)) throw new Error('hash compare error, err: malformed bcrypt hash');
  return bcrypt.compare(password, storedHash);
}

/** A werkzeug hash in the format the old DMS wrote (used by tests and the quirk of §4.4). */
export function werkzeugHash(password: string, salt: string, iterations: number): string {
  const hex = pbkdf2Sync(password, salt, iterations, WERKZEUG_KEY_LENGTH, 'sha256').toString('hex');
  return `pbkdf2:sha256:${iterations}$${salt}$${hex}`;
}
