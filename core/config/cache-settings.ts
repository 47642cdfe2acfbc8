import { z } from 'zod';
import { defineSettings } from './define-settings';
import { boolean } from './setting-schemas';

/** The GraphQL response cache (cache/). */
export const cacheSettings = defineSettings({
  env: {
    /** Cache GraphQL reads (on Redis when one is configured, else in-memory). @default true */
    CACHE_ENABLED: boolean.default(true),
    /** How long a cached read is fresh, in seconds, unless its field says otherwise. @default 60 */
    CACHE_DEFAULT_TTL_SECONDS: z.coerce.number().positive().default(60),
    /** How long a cached timetable is fresh, in seconds. @default 86400 */
    CACHE_TIMETABLE_TTL_SECONDS: z.coerce.number().positive().default(86_400),
    /** How long past its TTL a cached read may still be served, marked stale, while its service is down, in seconds. @default 3600 */
    CACHE_MAX_STALENESS_SECONDS: z.coerce.number().min(0).default(3600),
    /** Entries the in-memory cache (no Redis configured) keeps at most. @default 10000 */
    CACHE_MEMORY_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
    /** How long one cache command may take before Redis counts as down and the cache is bypassed, in ms. @default 500 */
    CACHE_REDIS_TIMEOUT_MS: z.coerce.number().int().min(1).default(500),
  },
  read: (e) => ({
    /** Durations in ms. */
    cache: {
      enabled: e.CACHE_ENABLED,
      defaultTtlMs: e.CACHE_DEFAULT_TTL_SECONDS * 1000,
      timetableTtlMs: e.CACHE_TIMETABLE_TTL_SECONDS * 1000,
      maxStalenessMs: e.CACHE_MAX_STALENESS_SECONDS * 1000,
      memoryMaxEntries: e.CACHE_MEMORY_MAX_ENTRIES,
      redisTimeoutMs: e.CACHE_REDIS_TIMEOUT_MS,
    },
  }),
});
