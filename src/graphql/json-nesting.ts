import { ErrorCode } from '../../core/error-codes';
import { GatewayError } from '../../core/errors';

/**
 * Deepest nesting of objects and arrays a GraphQL request body may have (the body itself is level 1, so
 * `variables` values get 62 levels). The schema's deepest input is far shallower; what parses here is later walked
 * by recursive code (the cache key, graphql-js coercion, JSON scalars, the JSON length rule), which a body nested
 * thousands deep would overflow into a 500. Not a setting: no legitimate client comes near it.
 */
export const MAX_JSON_NESTING = 64;

/** What JSON.parse makes: arrays and plain objects. Anything else (a multipart Upload and its stream) is a leaf. */
const isJsonContainer = (value: unknown): value is object =>
  typeof value === 'object' &&
  value !== null &&
  (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** Walks without recursion, so the check itself cannot overflow; stops at the first value too deep. */
export function jsonNestingExceeds(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (!isJsonContainer(item)) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (isJsonContainer(child)) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/** Refuses a parsed body (or a `variables`/`extensions` value of a GET) nested deeper than MAX_JSON_NESTING. */
export function assertJsonNesting(value: unknown, what = 'request body'): void {
  if (jsonNestingExceeds(value, MAX_JSON_NESTING)) {
    throw new GatewayError(ErrorCode.BAD_USER_INPUT, `${what} is nested deeper than ${MAX_JSON_NESTING} levels`, {
      details: { reason: 'JSON_TOO_DEEP', maxNesting: MAX_JSON_NESTING },
    });
  }
}
