import { isRedisReady, withDeadline, type RedisClient } from '../cache/redis-client';
import type { Logger } from '../core/logger';

/**
 * The `Request-Security` values already spent. A value is kept only while it could still be replayed (until its
 * time leaves the freshness window), so the store stays as small as the traffic of one window: the legacy
 * filter's maps grew for ever (legacy-api.md §6.10).
 */
export interface UsedSecurityValues {
  /** Marks `id` used for `ttlMs`; false when it was already used (a replay). Atomic across replicas on Redis. */
  claim(id: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface MemoryUsedValuesOptions {
  /** Values kept at most; beyond it the ones closest to expiry are dropped first. */
  maxEntries: number;
  logger?: Logger;
  now?: () => number;
  /** How often expired values are swept, in ms; 0 = only when full (tests). @default 10000 */
  sweepIntervalMs?: number;
}

export interface MemoryUsedValues extends UsedSecurityValues {
  size(): number;
}

/**
 * In-process store: the one without `REDIS_URL`, and the fallback while Redis is down (replays are then caught
 * per replica only). Bounded: when full of unexpired values, the oldest is forgotten with a warning — the bound
 * should exceed the peak legacy request rate × the window, and `REQUEST_SECURITY_MEMORY_MAX_ENTRIES` says so.
 */
export function createMemoryUsedValues(options: MemoryUsedValuesOptions): MemoryUsedValues {
  const now = options.now ?? Date.now;
  /** id → expiry time; insertion order is claim order, and every value gets about the same lifetime. */
  const used = new Map<string, number>();
  let warned = false;

  const sweep = () => {
    const t = now();
    for (const [id, expiresAt] of used) if (expiresAt <= t) used.delete(id);
  };
  const interval = options.sweepIntervalMs ?? 10_000;
  const timer = interval > 0 ? setInterval(sweep, interval) : undefined;
  timer?.unref();

  return {
    async claim(id, ttlMs) {
      const t = now();
      const expiresAt = used.get(id);
      if (expiresAt !== undefined && expiresAt > t) return false;
      used.delete(id);
      if (used.size >= options.maxEntries) {
        sweep();
        for (const oldest of used.keys()) {
          if (used.size < options.maxEntries) break;
          used.delete(oldest);
          if (!warned) options.logger?.warn({ maxEntries: options.maxEntries }, 'request-security store full');
          warned = true;
        }
      }
      used.set(id, t + ttlMs);
      return true;
    },
    size: () => used.size,
    async close() {
      if (timer) clearInterval(timer);
      used.clear();
    },
  };
}

/**
 * Shared by every replica: `SET key 1 PX ttl NX` claims a value atomically and Redis forgets it when it can no
 * longer be replayed. While Redis is down or a command fails, claims go to the in-process twin instead, so
 * legacy requests are still served and still single-use per replica.
 */
export function createRedisUsedValues(
  redis: RedisClient,
  fallback: UsedSecurityValues,
  logger: Logger,
  prefix = 'request-security:used:',
): UsedSecurityValues {
  let failing = false;
  const fail = (err: unknown) => {
    if (!failing) logger.warn({ err }, 'request-security values fell back to in-process memory');
    failing = true;
  };
  return {
    async claim(id, ttlMs) {
      if (!isRedisReady(redis)) {
        fail(new Error(`redis is ${redis.status}`));
        return fallback.claim(id, ttlMs);
      }
      try {
        // Bounded like the command timeout, also while a Cluster replaces a primary (see withDeadline).
        const reply = await withDeadline(redis.set(prefix + id, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'), 250);
        if (failing) logger.info('request-security values back on redis');
        failing = false;
        return reply === 'OK';
      } catch (err) {
        fail(err);
        return fallback.claim(id, ttlMs);
      }
    },
    async close() {
      await fallback.close();
    },
  };
}
