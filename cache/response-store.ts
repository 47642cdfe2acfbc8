/**
 * Where cached GraphQL responses live: serialized response bodies under a key, each tagged with what it covers,
 * kept past their TTL up to a maximum staleness for "stale rather than down". Redis and in-memory adapters.
 */

/**
 * A stored response body: the Redis store hands back the bytes it read (no decoding and re-encoding on the way
 * to the socket, a visible cost of a cache hit), the memory store the string it kept.
 */
export type CachedBody = string | Buffer;

/**
 * A fresh hit, or a miss with the store's clock at the lookup (handed back to `set`) and, when the entry is there
 * but past its TTL, its stale copy: what an outage is answered with, with no second lookup.
 */
export type StoreLookup =
  { hit: true; body: CachedBody } | { hit: false; readAt: number; stale: StaleResponse | undefined };

export interface StaleResponse {
  body: CachedBody;
  /** How long ago the entry was stored, in ms. */
  ageMs: number;
}

export interface ResponseStoreStatus {
  backend: 'redis' | 'memory';
  /** False while the store cannot be used (Redis down): the cache is bypassed meanwhile. */
  healthy: boolean;
  lastError?: string;
}

export interface ResponseStore {
  /**
   * A fresh entry (within its TTL), else a miss carrying the entry kept past its TTL (up to the maximum
   * staleness), if any. One round trip. Never throws: a broken store answers a miss.
   */
  get(key: string): Promise<StoreLookup>;
  /**
   * Stores `body` for `ttlMs` (then keeps it, stale, for the maximum staleness), tagged with `tags`. Skipped when
   * one of the tags was invalidated after `readAt` (the body may predate that write). Never throws.
   */
  set(key: string, body: string, tags: Iterable<string>, ttlMs: number, readAt: number): Promise<void>;
  /** Deletes every entry carrying one of the tags. Never throws; a failure is made good when the store recovers. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** Drops every entry. */
  invalidateAll(): Promise<void>;
  status(): ResponseStoreStatus;
  close(): Promise<void>;
}

/** Entries are `<freshUntil>|<storedAt>|<body>` in the store's clock unit; parses one (text or bytes). */
export function parseEntry<B extends CachedBody>(
  value: B,
): { freshUntil: number; storedAt: number; body: B } | undefined {
  const first = value.indexOf('|');
  const second = value.indexOf('|', first + 1);
  if (first < 0 || second < 0) return undefined;
  const text = (from: number, to: number) =>
    typeof value === 'string' ? value.slice(from, to) : value.toString('latin1', from, to);
  return {
    freshUntil: Number(text(0, first)),
    storedAt: Number(text(first + 1, second)),
    body: (typeof value === 'string' ? value.slice(second + 1) : value.subarray(second + 1)) as B,
  };
}
