import type Redis from 'ioredis';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import { createMemoryResponseStore } from './memory-response-store';
import { createRedisClient } from './redis-client';
import { createRedisResponseStore } from './redis-response-store';
import { createResponseCache, type ResponseCache, type ResponseCacheOptions } from './response-cache';

/**
 * The response cache the settings ask for: on Redis (shared by every replica, its own client) when a URL is
 * given, else in memory. Its `close()` also closes the Redis client.
 */
export function openResponseCache(
  settings: Config['cache'],
  redisUrl: string | undefined,
  logger: Logger,
  instrumentRedis?: (client: Redis) => void,
  onLookup?: ResponseCacheOptions['onLookup'],
): ResponseCache {
  const log = logger.child({ component: 'response-cache' });
  const ttls = { defaultMs: settings.defaultTtlMs, timetableMs: settings.timetableTtlMs };
  if (!redisUrl) {
    const store = createMemoryResponseStore({
      maxStalenessMs: settings.maxStalenessMs,
      maxEntries: settings.memoryMaxEntries,
    });
    return createResponseCache({ store, ttls, onLookup });
  }
  // A hung Redis must not hold requests: a command that takes longer fails and the cache is bypassed.
  const client = createRedisClient(redisUrl, log, { commandTimeout: settings.redisTimeoutMs }, instrumentRedis);
  const store = createRedisResponseStore({
    client,
    logger: log,
    maxStalenessMs: settings.maxStalenessMs,
    maxTtlMs: Math.max(ttls.defaultMs, ttls.timetableMs),
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
