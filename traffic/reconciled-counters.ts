import { randomBytes } from 'node:crypto';
import { isRedisReady, type RedisClient } from '../cache/redis-client';
import { partitionOf } from '../cache/redis-response-store';
import { defineRedisScript } from '../cache/redis-script';
import type { Logger } from '../core/logger';
import { createMemoryCounters } from './memory-counters';
import type { HitOptions, HitResult } from './window-counters';

/**
 * Counters a hit is admitted by in process, with no round trip: what every upstream call pays for the
 * per-service limits (the exact Redis counters cost one round trip per call). Each replica keeps its own hits in
 * an exact sliding log and learns the other replicas' from Redis every `syncIntervalMs`:
 *
 * - it adds the hits it admitted since the last sync to per-window totals in Redis (one hash per window, one
 *   field per key) and reads back the totals of every key it used lately, in one script per partition;
 * - a key's "others" are the totals minus its own hits, for the current window and the one before;
 * - a hit is admitted when its own log has room for it under `limit − others`, the others weighted like a
 *   sliding window (the previous window's hits by the part of it still inside the last `windowMs`).
 *
 * One replica alone is exact (the others are always 0). Several may together admit more than the limit, by at
 * most what the other replicas admitted since their last sync: over-admission per caller and window is bounded by
 * (replicas − 1) × (the caller's rate × the sync interval), and never exceeds (replicas − 1) × limit
 * (docs/cache-and-limits.md gives the measured figures). A failed or slow sync changes nothing for the requests:
 * admission goes on with what was last known, and the hits that could not be added are dropped.
 */
export interface ReconciledCounters {
  hit(key: string, options: HitOptions): HitResult;
  /** Adds this replica's new hits to Redis and reads the others' (runs by itself every sync interval). */
  sync(): Promise<void>;
  /** True while Redis cannot be reached: every replica counts on its own. */
  degraded(): boolean;
  close(): Promise<void>;
}

export interface ReconciledCountersOptions {
  /** Namespace of the Redis keys. @default "traffic:shared:" */
  prefix?: string;
  /** How often hits are reconciled with Redis, in ms. @default 100 */
  syncIntervalMs?: number;
  /** Hash-tag partitions the keys are spread over: 1 for one Redis, more on a Cluster. @default 1 */
  partitions?: number;
  /** Injectable clock for unit tests. */
  now?: () => number;
}

/** One key's view: this replica's hits and the others', for the current window and the one before. */
interface Entry {
  windowMs: number;
  window: number;
  /** Hits of this replica not yet added to Redis. */
  pendingCurrent: number;
  pendingPrevious: number;
  /** Hits of this replica already added to Redis. */
  pushedCurrent: number;
  pushedPrevious: number;
  othersCurrent: number;
  othersPrevious: number;
  lastHitAt: number;
  /** The limit of the last hit (the share below is worked out at sync time, away from any hit). */
  limit: number;
  /**
   * While other replicas use the key too: how many more hits this replica may admit before its next sync, its
   * part of what is left of the limit. Undefined while no other replica uses it (its own log is then exact).
   */
  allowance: number | undefined;
}

// KEYS: the window's hash, the previous window's hash, the partition's replica set (one partition).
// ARGV: ttlMs, this replica's tag, then (field, hits) pairs.
// Returns, per field, its total in the window (after adding) and in the previous window; then how many replicas
// have synced this partition in the last 3 s.
const ADD_AND_READ = defineRedisScript(`
local ttl = tonumber(ARGV[1])
local out = {}
for i = 3, #ARGV, 2 do
  local hits = tonumber(ARGV[i + 1])
  local total
  if hits > 0 then
    total = redis.call('HINCRBY', KEYS[1], ARGV[i], hits)
  else
    total = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  end
  out[#out + 1] = total
  out[#out + 1] = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '0')
end
redis.call('PEXPIRE', KEYS[1], ttl)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[3], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 3000)
redis.call('PEXPIRE', KEYS[3], 3000)
out[#out + 1] = redis.call('ZCARD', KEYS[3])
return out
`);

/** Keys held at most; the least recently hit go first (dropping one can only under-count). */
const MAX_KEYS = 100_000;

export function createReconciledCounters(
  redis: RedisClient,
  logger: Logger,
  options: ReconciledCountersOptions = {},
): ReconciledCounters {
  const prefix = options.prefix ?? 'traffic:shared:';
  const syncIntervalMs = options.syncIntervalMs ?? 100;
  const partitions = Math.max(1, options.partitions ?? 1);
  const now = options.now ?? Date.now;
  const own = createMemoryCounters({ now, maxKeys: MAX_KEYS });
  const entries = new Map<string, Entry>();
  const tag = randomBytes(6).toString('hex');
  let failing = false;
  let syncing: Promise<void> | undefined;

  /** Moves the entry's counts along when its window has passed. */
  const roll = (entry: Entry, window: number) => {
    if (entry.window === window) return;
    const adjacent = entry.window === window - 1;
    entry.pendingPrevious = adjacent ? entry.pendingCurrent : 0;
    entry.pushedPrevious = adjacent ? entry.pushedCurrent : 0;
    entry.othersPrevious = adjacent ? entry.othersCurrent : 0;
    entry.pendingCurrent = 0;
    entry.pushedCurrent = 0;
    entry.othersCurrent = 0;
    entry.window = window;
  };

  const entryOf = (key: string, windowMs: number, t: number): Entry => {
    let entry = entries.get(key);
    if (entry === undefined || entry.windowMs !== windowMs) {
      if (entries.size >= MAX_KEYS) entries.delete(entries.keys().next().value as string);
      entry = {
        windowMs,
        window: Math.floor(t / windowMs),
        pendingCurrent: 0,
        pendingPrevious: 0,
        pushedCurrent: 0,
        pushedPrevious: 0,
        othersCurrent: 0,
        othersPrevious: 0,
        lastHitAt: t,
        limit: 0,
        allowance: undefined,
      };
      entries.set(key, entry);
    }
    roll(entry, Math.floor(t / windowMs));
    return entry;
  };

  /** The others' hits over the last windowMs: the current window's, and the part of the previous one still in it. */
  const othersNow = (entry: Entry, t: number) => {
    const elapsed = (t % entry.windowMs) / entry.windowMs;
    return Math.round(entry.othersPrevious * (1 - elapsed) + entry.othersCurrent);
  };

  /**
   * When other replicas use the key too, this one may admit only its part of what is left of the limit until its
   * next sync: left over the replicas that sync. Without it, every replica would hand out the same free hits
   * between two syncs, and N replicas under a flood would admit N times the limit.
   */
  const shareOut = (entry: Entry, replicas: number, t: number) => {
    if (entry.othersCurrent + entry.othersPrevious === 0 || replicas < 2) {
      entry.allowance = undefined;
      return;
    }
    const elapsed = (t % entry.windowMs) / entry.windowMs;
    const ownNow =
      entry.pushedCurrent + entry.pendingCurrent + (entry.pushedPrevious + entry.pendingPrevious) * (1 - elapsed);
    const left = entry.limit - othersNow(entry, t) - ownNow;
    entry.allowance = Math.max(0, Math.ceil(left / replicas));
  };

  const hashOf = (key: string, windowMs: number, window: number) =>
    `${prefix}{${partitionOf(key, partitions)}}:${windowMs}:${window}`;

  /** One script call: the (key, hits) pairs of one partition and window. */
  interface Batch {
    keys: [string, string, string];
    window: number;
    fields: Array<{ key: string; entry: Entry; hits: number }>;
  }

  const syncOnce = async () => {
    const t = now();
    const batches = new Map<string, Batch>();
    const add = (key: string, entry: Entry, window: number, hits: number) => {
      const hash = hashOf(key, entry.windowMs, window);
      let batch = batches.get(hash);
      if (!batch) {
        const replicas = `${prefix}{${partitionOf(key, partitions)}}:replicas`;
        batch = { keys: [hash, hashOf(key, entry.windowMs, window - 1), replicas], window, fields: [] };
        batches.set(hash, batch);
      }
      batch.fields.push({ key, entry, hits });
    };
    for (const [key, entry] of entries) {
      // Keys idle for two windows have nothing left to count or learn.
      if (t - entry.lastHitAt > 2 * entry.windowMs) {
        entries.delete(key);
        continue;
      }
      roll(entry, Math.floor(t / entry.windowMs));
      if (entry.pendingPrevious > 0) add(key, entry, entry.window - 1, entry.pendingPrevious);
      add(key, entry, entry.window, entry.pendingCurrent);
      // Counted as added now; taken back below if the script fails.
      entry.pushedPrevious += entry.pendingPrevious;
      entry.pushedCurrent += entry.pendingCurrent;
      entry.pendingPrevious = 0;
      entry.pendingCurrent = 0;
    }
    await Promise.all(
      [...batches.values()].map(async (batch) => {
        const args: Array<string | number> = [3 * (batch.fields[0]?.entry.windowMs ?? 1000), tag];
        for (const f of batch.fields) args.push(f.key, f.hits);
        let totals: number[];
        try {
          totals = (await ADD_AND_READ.run(redis, batch.keys, args)) as number[];
        } catch (err) {
          for (const f of batch.fields) {
            if (f.entry.window === batch.window) f.entry.pushedCurrent -= f.hits;
            else if (f.entry.window === batch.window + 1) f.entry.pushedPrevious -= f.hits;
          }
          throw err;
        }
        const replicas = Math.max(1, totals[totals.length - 1] ?? 1);
        const at = now();
        batch.fields.forEach(({ entry }, i) => {
          const inWindow = totals[2 * i] ?? 0;
          const inPrevious = totals[2 * i + 1] ?? 0;
          if (entry.window === batch.window) {
            entry.othersCurrent = Math.max(0, inWindow - entry.pushedCurrent);
            entry.othersPrevious = Math.max(0, inPrevious - entry.pushedPrevious);
          } else if (entry.window === batch.window + 1) {
            entry.othersPrevious = Math.max(0, inWindow - entry.pushedPrevious);
          } else return;
          shareOut(entry, replicas, at);
        });
      }),
    );
  };

  const recovered = () => {
    if (failing) logger.info('shared service limits reconciled through redis again');
    failing = false;
  };
  /** One round with Redis, unless one is in flight already (then that one's). */
  const syncOnceAtMost = async () => {
    if (syncing) return syncing;
    if (!isRedisReady(redis)) {
      if (!failing) logger.warn({ status: redis.status }, 'shared service limits counted per replica: redis is down');
      failing = true;
      return;
    }
    // Nothing to add or learn: Redis being ready is all there is to know.
    if (entries.size === 0) return recovered();
    syncing = syncOnce().then(recovered, (err: unknown) => {
      if (!failing) logger.warn({ err }, 'shared service limits counted per replica: reconciling failed');
      failing = true;
    });
    try {
      await syncing;
    } finally {
      syncing = undefined;
    }
  };

  /**
   * A caller's sync covers every hit made before the call: a round in flight may have pushed and read before them,
   * so it is waited for and a new one runs. (The timer's rounds skip instead: a slow Redis must not pile them up.)
   */
  const sync = async () => {
    while (syncing) await syncing;
    await syncOnceAtMost();
  };

  const timer = setInterval(() => void syncOnceAtMost(), syncIntervalMs);
  timer.unref();

  return {
    hit(key, { limit, windowMs, weight = 1 }) {
      const t = now();
      const entry = entryOf(key, windowMs, t);
      entry.lastHitAt = t;
      entry.limit = limit;
      const others = othersNow(entry, t);
      if (entry.allowance !== undefined && entry.allowance < weight) {
        // This replica's part is spent until its next sync tells it what the others left.
        return { allowed: false, count: limit, retryAfterMs: syncIntervalMs };
      }
      const result = own.hit(key, { limit: limit - others, windowMs, weight });
      if (result.allowed) {
        entry.pendingCurrent += weight;
        if (entry.allowance !== undefined) entry.allowance -= weight;
      }
      return result.allowed
        ? { allowed: true, count: result.count + others }
        : { ...result, count: result.count + others };
    },
    sync,
    degraded: () => failing || !isRedisReady(redis),
    async close() {
      clearInterval(timer);
      await syncing;
      await own.close();
      entries.clear();
    },
  };
}
