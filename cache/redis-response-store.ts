import type Redis from 'ioredis';
import type { Logger } from '../core/logger';
import { parseEntry, type ResponseStore, type StaleResponse, type StoreLookup } from './response-store';

export interface RedisResponseStoreOptions {
  client: Redis;
  logger: Logger;
  /** How long an entry is kept past its TTL for stale serving, in ms. */
  maxStalenessMs: number;
  /** The longest TTL any entry gets, in ms (sizes the epoch key's TTL). */
  maxTtlMs: number;
  /** Key namespace. @default "dms:rc:" */
  prefix?: string;
  /** How long a write's invalidation is remembered against reads that started before it, in ms. */
  invalidationMemoryMs?: number;
  /** After a failed command, how long the store is bypassed before Redis is tried again, in ms. */
  retryAfterMs?: number;
}

/*
 * Layout (every key has a TTL; no KEYS, no SCAN):
 *   <p>r:<epoch>:<hash>  entry "<freshUntilUs>|<storedAtUs>|<body>", PX = TTL + max staleness
 *   <p>tags:<tag>        sorted set of the entry keys carrying the tag, scored by when each entry expires (µs);
 *                        PX = the longest life of its members. (Until 2026-11 a plain SET under <p>t:<tag>.)
 *   <p>i:<tag>           Redis time (µs) of the tag's last invalidation, PX = invalidation memory
 *   <p>i:*               the same for a flush of everything
 *   <p>epoch             generation number in every entry key; a flush increments it
 * Times come from Redis' own clock (TIME), so replicas with skewed clocks agree on freshness.
 */

const GET = `
local epoch = redis.call('GET', KEYS[1]) or '0'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local value = redis.call('GET', ARGV[1] .. epoch .. ':' .. ARGV[2])
if value and ARGV[3] ~= '1' then
  local sep = string.find(value, '|', 1, true)
  if tonumber(string.sub(value, 1, sep - 1)) < now then value = false end
end
return {value, string.format('%.0f', now)}
`;

// KEYS: epoch, all-marker, n tag sets, n tag markers. ARGV: entry prefix, hash, body, ttlMs, lifeMs, readAt,
// epochTtlMs, n.
const SET = `
local n = tonumber(ARGV[8])
local readAt = tonumber(ARGV[6])
for i = 2, 2 + n do
  local k = KEYS[i]
  if i > 2 then k = KEYS[i + n] end
  local at = redis.call('GET', k)
  if at and tonumber(at) >= readAt then return 0 end
end
local epoch = redis.call('GET', KEYS[1])
if epoch then redis.call('PEXPIRE', KEYS[1], ARGV[7]) else epoch = '0' end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local life = tonumber(ARGV[5])
local key = ARGV[1] .. epoch .. ':' .. ARGV[2]
redis.call('SET', key, string.format('%.0f|%.0f|', now + tonumber(ARGV[4]) * 1000, now) .. ARGV[3], 'PX', life)
for i = 3, 2 + n do
  redis.call('ZADD', KEYS[i], now + life * 1000, key)
  -- Members whose entry has expired leave as new ones come: the set stays as large as the live entries, and the
  -- work is what leaves (a whole-set scan here once blocked Redis for 0.4 s under load, bench/soak.mjs).
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  if redis.call('PTTL', KEYS[i]) < life then redis.call('PEXPIRE', KEYS[i], life) end
end
return 1
`;

// KEYS: n tag sets, n tag markers. ARGV: n, markerTtlMs.
const INVALIDATE = `
local n = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]))
for i = 1, n do
  local members = redis.call('ZRANGE', KEYS[i], 0, -1)
  for j = 1, #members, 1000 do
    redis.call('UNLINK', unpack(members, j, math.min(j + 999, #members)))
  end
  redis.call('DEL', KEYS[i])
  redis.call('SET', KEYS[n + i], now, 'PX', ARGV[2])
end
return n
`;

// KEYS: epoch, all-marker. ARGV: epochTtlMs, markerTtlMs.
const FLUSH = `
local t = redis.call('TIME')
redis.call('SET', KEYS[2], string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])), 'PX', ARGV[2])
local epoch = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return epoch
`;

interface ScriptedRedis {
  /** ioredis's Buffer variant of the GET script: the entry's bytes as Redis sent them. */
  dmsRcGetBuffer(epochKey: string, prefix: string, hash: string, stale: string): Promise<[Buffer | null, Buffer]>;
  dmsRcSet(...args: Array<string | number>): Promise<number>;
  dmsRcInvalidate(...args: Array<string | number>): Promise<number>;
  dmsRcFlush(epochKey: string, allMarker: string, epochTtlMs: number, markerTtlMs: number): Promise<number>;
}

/**
 * The shared response store on Redis (all replicas see the same entries and invalidations). Unlike the stock
 * `@envelop/response-cache-redis` store (libraries.md §2.5) its keys are namespaced, its tag sets expire, and
 * invalidation reads tag sets instead of running `KEYS`. Every command runs as one Lua script, so a lookup costs
 * one round trip. When Redis fails the store answers misses (the cache is bypassed); when an invalidation could
 * not be applied, every entry is dropped (the epoch moves) as soon as Redis is back, so no write is lost.
 */
export function createRedisResponseStore(options: RedisResponseStoreOptions): ResponseStore {
  const { client, logger } = options;
  const prefix = options.prefix ?? 'dms:rc:';
  const entryPrefix = `${prefix}r:`;
  const epochKey = `${prefix}epoch`;
  const allMarker = `${prefix}i:*`;
  const markerTtlMs = options.invalidationMemoryMs ?? 5 * 60_000;
  const retryAfterMs = options.retryAfterMs ?? 1000;
  // Outlives every entry written under an epoch, so an expired epoch never revives old entries.
  const epochTtlMs = 2 * (options.maxTtlMs + options.maxStalenessMs) + 3_600_000;
  const redis = client as unknown as ScriptedRedis;
  client.defineCommand('dmsRcGet', { numberOfKeys: 1, lua: GET });
  client.defineCommand('dmsRcSet', { lua: SET });
  client.defineCommand('dmsRcInvalidate', { lua: INVALIDATE });
  client.defineCommand('dmsRcFlush', { numberOfKeys: 2, lua: FLUSH });

  let bypassUntil = 0;
  let lastError: string | undefined;
  // An invalidation was lost while Redis was unreachable: entries may be stale until everything is dropped.
  let mustFlush = false;

  const usable = () => client.status === 'ready' && !mustFlush && Date.now() >= bypassUntil;
  function failed(operation: string, error: unknown): void {
    lastError = `${operation}: ${(error as Error)?.message ?? String(error)}`;
    if (Date.now() >= bypassUntil) logger.warn({ err: error, operation }, 'response cache bypassed: redis failed');
    bypassUntil = Date.now() + retryAfterMs;
  }
  async function flush(): Promise<boolean> {
    try {
      await redis.dmsRcFlush(epochKey, allMarker, epochTtlMs, markerTtlMs);
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
      logger.info('response cache flushed: invalidations were lost while redis was unreachable');
    });
  }
  const onReady = () => {
    bypassUntil = 0;
    recover();
  };
  client.on('ready', onReady);
  const tagKeys = (tags: Iterable<string>) => [...new Set(tags)].map((tag) => `${prefix}tags:${tag}`);
  const markerKeys = (tags: Iterable<string>) => [...new Set(tags)].map((tag) => `${prefix}i:${tag}`);

  return {
    async get(key): Promise<StoreLookup> {
      recover();
      if (!usable()) return { hit: false, readAt: 0 };
      try {
        const [value, now] = await redis.dmsRcGetBuffer(epochKey, entryPrefix, key, '0');
        const entry = value === null ? undefined : parseEntry(value);
        return entry ? { hit: true, body: entry.body } : { hit: false, readAt: Number(now.toString()) };
      } catch (error) {
        failed('get', error);
        return { hit: false, readAt: 0 };
      }
    },
    async getStale(key): Promise<StaleResponse | undefined> {
      if (!usable()) return undefined;
      try {
        const [value, now] = await redis.dmsRcGetBuffer(epochKey, entryPrefix, key, '1');
        const entry = value === null ? undefined : parseEntry(value);
        if (!entry) return undefined;
        return { body: entry.body, ageMs: Math.max(0, Math.round((Number(now.toString()) - entry.storedAt) / 1000)) };
      } catch (error) {
        failed('getStale', error);
        return undefined;
      }
    },
    async set(key, body, tags, ttlMs, readAt) {
      // readAt 0: the lookup did not reach Redis, so a write may have been missed; do not store.
      if (!usable() || readAt === 0) return;
      const list = [...new Set(tags)];
      try {
        await redis.dmsRcSet(
          2 + 2 * list.length,
          epochKey,
          allMarker,
          ...tagKeys(list),
          ...markerKeys(list),
          entryPrefix,
          key,
          body,
          Math.max(1, Math.round(ttlMs)),
          Math.round(ttlMs + options.maxStalenessMs),
          readAt,
          epochTtlMs,
          list.length,
        );
      } catch (error) {
        failed('set', error);
      }
    },
    async invalidate(tags) {
      const list = [...new Set(tags)];
      if (list.length === 0) return;
      try {
        if (client.status !== 'ready') throw new Error(`redis is ${client.status}`);
        await redis.dmsRcInvalidate(2 * list.length, ...tagKeys(list), ...markerKeys(list), list.length, markerTtlMs);
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
    },
  };
}
