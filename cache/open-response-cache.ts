import type { Config, RedisTarget } from '../core/config';
import type { Logger } from '../core/logger';
import { createMemoryResponseStore } from './memory-response-store';
import { createRedisClient, type RedisClient } from './redis-client';
import { CLUSTER_PARTITIONS, createRedisResponseStore } from './redis-response-store';
import { createResponseCache, type ResponseCache, type ResponseCacheOptions } from './response-cache';

/**
 * The response cache the settings ask for: on Redis (shared by every replica, its own client) when one is
 * configured, else in memory. Its `close()` also closes the Redis client.
 */
export function openResponseCache(
  settings: Config['cache'],
  redis: RedisTarget | undefined,
  logger: Logger,
  instrumentRedis?: (client: RedisClient) => void,
  onLookup?: ResponseCacheOptions['onLookup'],
): ResponseCache {
  const log = logger.child({ component: 'response-cache' });
  const ttls = { defaultMs: settings.defaultTtlMs, timetableMs: settings.timetableTtlMs };
  if (!redis) {
    const store = createMemoryResponseStore({
      maxStalenessMs: settings.maxStalenessMs,
      maxEntries: settings.memoryMaxEntries,
    });
    return createResponseCache({ store, ttls, onLookup });
  }
  // A hung Redis must not hold requests: a command that takes longer fails and the cache is bypassed.
  const client = createRedisClient(redis, log, {
    commandTimeoutMs: settings.redisTimeoutMs,
    ...(instrumentRedis ? { instrument: instrumentRedis } : {}),
  });
  const store = createRedisResponseStore({
    client,
    logger: log,
    // Spread over the primaries of a cluster; one Redis gains nothing from partitions.
    partitions: redis.kind === 'cluster' ? CLUSTER_PARTITIONS : 1,
    maxStalenessMs: settings.maxStalenessMs,
    maxTtlMs: Math.max(ttls.defaultMs, ttls.timetableMs),
    deadlineMs: settings.redisTimeoutMs,
  });
  const cache = createResponseCache({ store, ttls, onLookup });
  return {
    ...cache,
    async close() {
      await cache.close();
      client.disconnect();
    },
  };
}
