/**
 * Keys whose values never reach a log line, at any depth: passwords under their legacy field names, tokens,
 * credentials in headers, secrets. A key set checked while walking the line replaces pino's path-based
 * `redact`, whose 50 wildcard paths cost about a sixth of a cached request's CPU (bench/profile-summary.mjs on a
 * W1 profile); the walk is cheaper and stricter (any depth, not only the listed paths).
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'StudentPW',
  'TeacherPW',
  'ParentPW',
  'AdminPW',
  'CurrentPW',
  'RevisionPW',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'secret',
  'jwtSecret',
]);

export const CENSOR = '[REDACTED]';
/** Deeper than any line the gateway writes; what lies below is left as it is (and is never a header or body). */
const MAX_DEPTH = 8;

function isWalkable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && !(value instanceof Date);
}

/**
 * The value with every secret key's value replaced by CENSOR. Copy on write: objects without secrets come back
 * as they are (the same reference), and the caller's objects are never changed.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (!isWalkable(value) || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      const redacted = redactSecrets(item, depth + 1);
      if (redacted !== item) (copy ??= value.slice())[i] = redacted;
    }
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const redacted = SECRET_KEYS.has(key) && item !== undefined ? CENSOR : redactSecrets(item, depth + 1);
    if (redacted !== item) (copy ??= { ...value })[key] = redacted;
  }
  return (copy ?? value) as T;
}
