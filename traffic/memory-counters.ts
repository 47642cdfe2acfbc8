import type { HitOptions, HitResult, WindowCounters } from './window-counters';

export interface MemoryCountersOptions {
  /** Injectable clock for unit tests. */
  now?: () => number;
  /**
   * Keys kept at most; beyond it the oldest keys are dropped first. Bounds memory under a spray of client
   * addresses (an IPv6 /64 holds billions); dropping a key can only under-count, never block a good client.
   */
  maxKeys?: number;
  /** How often idle keys are swept, in ms; 0 = never (tests). */
  sweepIntervalMs?: number;
}

interface Log {
  /** Hit times, oldest first; never longer than the key's limit. */
  hits: number[];
  windowMs: number;
}

/**
 * In-process twin of the Redis counters: the store without `REDIS_URL`, the fallback while Redis is down, and
 * always the flood guard's counter (a flood is counted where it lands; only the block is shared). Synchronous,
 * so the flood guard costs no promise per request.
 */
export interface MemoryCounters extends WindowCounters {
  hit(key: string, options: HitOptions): HitResult;
  /** Keys held now (tests). */
  size(): number;
}

export function createMemoryCounters(options: MemoryCountersOptions = {}): MemoryCounters {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const logs = new Map<string, Log>();

  const sweep = () => {
    const t = now();
    for (const [key, log] of logs) {
      const newest = log.hits[log.hits.length - 1];
      if (newest === undefined || newest <= t - log.windowMs) logs.delete(key);
    }
  };
  const interval = options.sweepIntervalMs ?? 10_000;
  const timer = interval > 0 ? setInterval(sweep, interval) : undefined;
  timer?.unref();

  return {
    hit(key, { limit, windowMs, weight = 1 }) {
      const t = now();
      let log = logs.get(key);
      if (!log) {
        if (logs.size >= maxKeys) {
          sweep();
          // Still full: forget the oldest keys (Map order is insertion order).
          for (const oldest of logs.keys()) {
            if (logs.size < maxKeys) break;
            logs.delete(oldest);
          }
        }
        log = { hits: [], windowMs };
        logs.set(key, log);
      }
      log.windowMs = windowMs;
      const hits = log.hits;
      let expired = 0;
      while (expired < hits.length && (hits[expired] as number) <= t - windowMs) expired += 1;
      if (expired > 0) hits.splice(0, expired);
      if (hits.length + weight > limit) {
        // The hit passes once the (count + weight − limit) oldest hits have left the window.
        const freeing = hits[hits.length + weight - limit - 1];
        const retryAfterMs = freeing === undefined ? windowMs : Math.max(1, freeing + windowMs - t);
        return { allowed: false, count: hits.length, retryAfterMs };
      }
      for (let i = 0; i < weight; i += 1) hits.push(t);
      return { allowed: true, count: hits.length };
    },
    size: () => logs.size,
    async close() {
      if (timer) clearInterval(timer);
      logs.clear();
    },
  };
}
