import type { ResponseStore, StoreLookup } from './response-store';

export interface MemoryResponseStoreOptions {
  /** How long an entry is kept past its TTL for stale serving, in ms. */
  maxStalenessMs: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries: number;
  /** How long a write's invalidation is remembered against reads that started before it, in ms. */
  invalidationMemoryMs?: number;
  now?: () => number;
}

interface Entry {
  body: string;
  storedAt: number;
  freshUntil: number;
  expiresAt: number;
  tags: string[];
}

/** The in-process twin of the Redis store, used when REDIS_URL is unset (one gateway, nothing to share). */
export function createMemoryResponseStore(options: MemoryResponseStoreOptions): ResponseStore {
  const now = options.now ?? Date.now;
  const rememberMs = options.invalidationMemoryMs ?? 5 * 60_000;
  // Map iteration order is insertion order: the first key is the oldest entry.
  const entries = new Map<string, Entry>();
  const tagged = new Map<string, Set<string>>();
  // Per tag: the logical time of its last invalidation and the wall time, oldest first.
  const invalidated = new Map<string, { at: number; time: number }>();
  // A logical clock: reads and invalidations are ordered by it, not by wall time (two in one ms still order).
  let tick = 0;
  let allInvalidatedAt = 0;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const tag of entry.tags) {
      const keys = tagged.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) tagged.delete(tag);
    }
  }

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      remove(key);
      return undefined;
    }
    return entry;
  }

  return {
    async get(key): Promise<StoreLookup> {
      const entry = live(key);
      const at = now();
      if (entry && entry.freshUntil > at) return { hit: true, body: entry.body };
      return { hit: false, readAt: ++tick, stale: entry && { body: entry.body, ageMs: at - entry.storedAt } };
    },
    async set(key, body, tags, ttlMs, readAt) {
      const list = [...new Set(tags)];
      if (allInvalidatedAt >= readAt || list.some((tag) => (invalidated.get(tag)?.at ?? 0) >= readAt)) return;
      remove(key);
      const storedAt = now();
      entries.set(key, {
        body,
        storedAt,
        freshUntil: storedAt + ttlMs,
        expiresAt: storedAt + ttlMs + options.maxStalenessMs,
        tags: list,
      });
      for (const tag of list) {
        let keys = tagged.get(tag);
        if (!keys) tagged.set(tag, (keys = new Set()));
        keys.add(key);
      }
      while (entries.size > options.maxEntries) remove(entries.keys().next().value as string);
    },
    async invalidate(tags) {
      const at = ++tick;
      const forgetBefore = now() - rememberMs;
      for (const tag of tags) {
        for (const key of [...(tagged.get(tag) ?? [])]) remove(key);
        invalidated.delete(tag);
        invalidated.set(tag, { at, time: now() });
      }
      // Forget invalidations no read in flight can predate any more (bounded memory).
      for (const [tag, { time }] of invalidated) {
        if (time >= forgetBefore) break;
        invalidated.delete(tag);
      }
    },
    async invalidateAll() {
      allInvalidatedAt = ++tick;
      for (const key of [...entries.keys()]) remove(key);
    },
    status: () => ({ backend: 'memory', healthy: true }),
    async close() {
      entries.clear();
      tagged.clear();
    },
  };
}
