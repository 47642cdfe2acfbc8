import type { Logger } from '../core/logger';
import { withDeadline, type RedisClient } from './redis-client';
import { defineRedisScript } from './redis-script';
import { parseEntry, type ResponseStore, type StoreLookup } from './response-store';

export interface RedisResponseStoreOptions {
  client: RedisClient;
  logger: Logger;
  /** How long an entry is kept past its TTL for stale serving, in ms. */
  maxStalenessMs: number;
  /** The longest TTL any entry gets, in ms (sizes the epoch key's TTL). */
  maxTtlMs: number;
  /**
   * How many hash-tag partitions the keys are spread over: 1 for one Redis, `CLUSTER_PARTITIONS` on a Cluster.
   * Every replica of a deployment must use the same number. @default 1
   */
  partitions?: number;
  /** Key namespace (no `{` in it: it would change the hash tag). @default "dms:rc:" */
  prefix?: string;
  /** How long a write's invalidation is remembered against reads that started before it, in ms. */
  invalidationMemoryMs?: number;
  /** After a failed command, how long the store is bypassed before Redis is tried again, in ms. */
  retryAfterMs?: number;
  /** A command Redis has not answered by then counts as failed (the cache is bypassed), in ms. @default 500 */
  deadlineMs?: number;
}

/** Partitions on a Redis Cluster: enough to spread over the primaries of a usual cluster (3 to 8). */
export const CLUSTER_PARTITIONS = 16;

/*
 * Layout. Keys are split into partitions by a hash tag, `<p>{<k>}:`, so each partition is one hash slot (one
 * primary of a Cluster) and every script touches one partition only. An entry's partition comes from its key;
 * each partition holds its own tag sets, invalidation times and epoch, so a lookup and a store are one script on
 * one slot, and an invalidation or a flush is one small script per partition (a Cluster client sends each to its
 * node, several per node in one write). Every key has a TTL; no KEYS, no SCAN.
 *   <p>{k}:r:<hash>  entry "<epoch>|<freshUntilUs>|<storedAtUs>|<body>", PX = TTL + max staleness
 *   <p>{k}:t:<tag>   sorted set of the partition's entry keys carrying the tag, scored by when each entry
 *                    expires (µs); PX = the longest life of its members
 *   <p>{k}:i:<tag>   Redis time (µs) of the tag's last invalidation, PX = invalidation memory
 *   <p>{k}:i:*       the same for a flush of everything
 *   <p>{k}:epoch     generation number; an entry of another generation is a miss, a flush increments it
 * Times come from Redis' own clock (TIME) on the partition's node, so replicas with skewed clocks agree on
 * freshness, and an invalidation time is compared with a read time of the same clock.
 */

// KEYS: epoch, entry. Returns the entry of the current generation, fresh or stale (or nil), and the time.
const GET = defineRedisScript(`
local epoch = redis.call('GET', KEYS[1]) or '0'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local value = redis.call('GET', KEYS[2])
if value then
  local sep = string.find(value, '|', 1, true)
  if not sep or string.sub(value, 1, sep - 1) ~= epoch then value = false end
end
return {value, string.format('%.0f', now)}
`);

// KEYS: epoch, all-marker, entry, n tag sets, n tag markers. ARGV: body, ttlMs, lifeMs, readAt, epochTtlMs.
const SET = defineRedisScript(`
local n = (#KEYS - 3) / 2
local readAt = tonumber(ARGV[4])
local at = redis.call('GET', KEYS[2])
if at and tonumber(at) >= readAt then return 0 end
for i = 4 + n, 3 + 2 * n do
  at = redis.call('GET', KEYS[i])
  if at and tonumber(at) >= readAt then return 0 end
end
local epoch = redis.call('GET', KEYS[1])
if epoch then redis.call('PEXPIRE', KEYS[1], ARGV[5]) else epoch = '0' end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local life = tonumber(ARGV[3])
local head = string.format('%s|%.0f|%.0f|', epoch, now + tonumber(ARGV[2]) * 1000, now)
redis.call('SET', KEYS[3], head .. ARGV[1], 'PX', life)
for i = 4, 3 + n do
  redis.call('ZADD', KEYS[i], now + life * 1000, KEYS[3])
  -- Members whose entry has expired leave as new ones come: the set stays as large as the live entries, and the
  -- work is what leaves (a whole-set scan here once blocked Redis for 0.4 s under load, bench/soak.mjs).
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  if redis.call('PTTL', KEYS[i]) < life then redis.call('PEXPIRE', KEYS[i], life) end
end
return 1
`);

// KEYS: n tag sets, n tag markers (one partition). ARGV: markerTtlMs.
const INVALIDATE = defineRedisScript(`
local n = #KEYS / 2
local t = redis.call('TIME')
local now = string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]))
for i = 1, n do
  local members = redis.call('ZRANGE', KEYS[i], 0, -1)
  for j = 1, #members, 1000 do
    redis.call('UNLINK', unpack(members, j, math.min(j + 999, #members)))
  end
  redis.call('DEL', KEYS[i])
  redis.call('SET', KEYS[n + i], now, 'PX', ARGV[1])
end
return n
`);

// KEYS: epoch, all-marker (one partition). ARGV: epochTtlMs, markerTtlMs.
const FLUSH = defineRedisScript(`
local t = redis.call('TIME')
redis.call('SET', KEYS[2], string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])), 'PX', ARGV[2])
local epoch = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return epoch
`);

/** The partition of an entry key (a string hash; the keys are already uniform sha256 digests). */
export function partitionOf(key: string, partitions: number): number {
  if (partitions <= 1) return 0;
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) >>> 0;
  return hash % partitions;
}

/**
 * The shared response store on Redis (all replicas see the same entries and invalidations), on one Redis or a
 * Redis Cluster. Unlike the stock `@envelop/response-cache-redis` store (libraries.md §2.5) its keys are
 * namespaced and cluster-safe, its tag sets expire, and invalidation reads tag sets instead of running `KEYS`. A
 * lookup costs one round trip. When Redis fails the store answers misses (the cache is bypassed); when an
 * invalidation could not be applied, or the connection to a primary was lost (a failover may lose the writes
 * its replica had not received yet, a restarted Redis may come back with older data), every entry is dropped
 * (the epochs move) as soon as Redis answers again, and the cache is bypassed until then, so no write is missed.
 */
export function createRedisResponseStore(options: RedisResponseStoreOptions): ResponseStore {
  const { client, logger } = options;
  const prefix = options.prefix ?? 'dms:rc:';
  const partitions = Math.max(1, Math.floor(options.partitions ?? 1));
  const markerTtlMs = options.invalidationMemoryMs ?? 5 * 60_000;
  const retryAfterMs = options.retryAfterMs ?? 1000;
  const deadlineMs = options.deadlineMs ?? 500;
  const bounded = <T>(command: Promise<T>) => withDeadline(command, deadlineMs);
  // Outlives every entry written under an epoch, so an expired epoch never revives old entries.
  const epochTtlMs = 2 * (options.maxTtlMs + options.maxStalenessMs) + 3_600_000;
  const base = Array.from({ length: partitions }, (_, k) => `${prefix}{${k}}:`);
  const everyPartition = base.map((_, k) => k);
  const epochKey = (k: number) => `${base[k]}epoch`;
  const allMarker = (k: number) => `${base[k]}i:*`;
  const tagKeys = (k: number, tags: readonly string[]) => tags.map((tag) => `${base[k]}t:${tag}`);
  const markerKeys = (k: number, tags: readonly string[]) => tags.map((tag) => `${base[k]}i:${tag}`);
  const entryOf = (key: string) => {
    const k = partitionOf(key, partitions);
    return { k, entryKey: `${base[k]}r:${key}` };
  };

  let bypassUntil = 0;
  let lastError: string | undefined;
  // Entries may be stale (an invalidation was lost, or a primary was): everything is dropped before the next use.
  let mustFlush = false;

  const usable = () => client.status === 'ready' && !mustFlush && Date.now() >= bypassUntil;
  function failed(operation: string, error: unknown): void {
    lastError = `${operation}: ${(error as Error)?.message ?? String(error)}`;
    if (Date.now() >= bypassUntil) logger.warn({ err: error, operation }, 'response cache bypassed: redis failed');
    bypassUntil = Date.now() + retryAfterMs;
  }
  async function flush(): Promise<boolean> {
    try {
      await bounded(
        Promise.all(
          everyPartition.map((k) => FLUSH.run(client, [epochKey(k), allMarker(k)], [epochTtlMs, markerTtlMs])),
        ),
      );
      return true;
    } catch (error) {
      failed('flush', error);
      return false;
    }
  }
  let flushing = false;
  /** Drops everything once Redis answers again after a lost invalidation; until then the store stays bypassed. */
  function recover(): void {
    if (!mustFlush || flushing || client.status !== 'ready' || Date.now() < bypassUntil) return;
    flushing = true;
    void flush().then((done) => {
      flushing = false;
      if (!done) return;
      mustFlush = false;
      logger.info('response cache flushed: invalidations may have been lost while redis was unreachable');
    });
  }
  const onReady = () => {
    bypassUntil = 0;
    recover();
  };
  // A connection to a primary was lost: whatever it acknowledged but had not replicated, or not persisted, may be
  // gone when it (or its successor) answers again. `-node` is a Cluster losing one node.
  const onLost = () => {
    mustFlush = true;
  };
  client.on('ready', onReady);
  client.on('close', onLost);
  client.on('-node', onLost);

  const lookup = async (key: string) => {
    const { k, entryKey } = entryOf(key);
    const [value, now] = (await bounded(GET.runBuffer(client, [epochKey(k), entryKey], []))) as [Buffer | null, Buffer];
    // The epoch, checked by the script, comes first.
    const entry = value === null ? undefined : parseEntry(value.subarray(value.indexOf(0x7c) + 1));
    return { entry, now: Number(now.toString()) };
  };

  return {
    async get(key): Promise<StoreLookup> {
      recover();
      if (!usable()) return { hit: false, readAt: 0, stale: undefined };
      try {
        // Stale entries come back too: freshness is decided here, so an outage needs no second lookup.
        const { entry, now } = await lookup(key);
        if (entry && entry.freshUntil >= now) return { hit: true, body: entry.body };
        const stale = entry && { body: entry.body, ageMs: Math.max(0, Math.round((now - entry.storedAt) / 1000)) };
        return { hit: false, readAt: now, stale };
      } catch (error) {
        failed('get', error);
        return { hit: false, readAt: 0, stale: undefined };
      }
    },
    async set(key, body, tags, ttlMs, readAt) {
      // readAt 0: the lookup did not reach Redis, so a write may have been missed; do not store.
      if (!usable() || readAt === 0) return;
      const list = [...new Set(tags)];
      const { k, entryKey } = entryOf(key);
      try {
        await bounded(
          SET.run(
            client,
            [epochKey(k), allMarker(k), entryKey, ...tagKeys(k, list), ...markerKeys(k, list)],
            [body, Math.max(1, Math.round(ttlMs)), Math.round(ttlMs + options.maxStalenessMs), readAt, epochTtlMs],
          ),
        );
      } catch (error) {
        failed('set', error);
      }
    },
    async invalidate(tags) {
      const list = [...new Set(tags)];
      // Already bound to drop everything before the next use: a write need not wait for a Redis in trouble.
      if (list.length === 0 || mustFlush) return;
      try {
        if (client.status !== 'ready') throw new Error(`redis is ${client.status}`);
        await bounded(
          Promise.all(
            everyPartition.map((k) =>
              INVALIDATE.run(client, [...tagKeys(k, list), ...markerKeys(k, list)], [markerTtlMs]),
            ),
          ),
        );
      } catch (error) {
        failed('invalidate', error);
        mustFlush = true;
      }
    },
    async invalidateAll() {
      if (!(client.status === 'ready' && (await flush()))) mustFlush = true;
    },
    status: () => {
      recover();
      return {
        backend: 'redis',
        healthy: usable(),
        ...(lastError === undefined ? {} : { lastError }),
      };
    },
    async close() {
      client.off('ready', onReady);
      client.off('close', onLost);
      client.off('-node', onLost);
    },
  };
}
