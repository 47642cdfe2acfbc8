import type { Logger } from '../core/logger';
import { isRedisReady, withDeadline, type RedisClient } from './redis-client';

/** Apollo's `KeyValueCache` (`@apollo/utils.keyvaluecache`), the shape `persistedQueries.cache` takes. */
export interface PersistedQueryStore {
  get(key: string): Promise<string | undefined>;
  /** `ttl` in seconds as Apollo passes it; null = no expiry of its own (the store's default applies). */
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export interface RedisPersistedQueriesOptions {
  client: RedisClient;
  logger: Logger;
  /** Key namespace; Apollo adds `apq:` itself. @default "dms:" */
  prefix?: string;
  /** How long a registered query is kept after its last use, in ms. @default 86400000 (a day) */
  idleTtlMs?: number;
  /** Queries kept in this process in front of Redis. @default 1000 */
  localEntries?: number;
  /** A command Redis has not answered by then counts as failed, in ms. @default 500 */
  deadlineMs?: number;
}

/**
 * Automatic persisted queries shared by every replica: a hash registered through one works through any other.
 * One key per query (`dms:apq:<sha256>`), so they spread over a Cluster's primaries by themselves; each use
 * extends its life (GETEX), so only queries nobody sends any more expire. A hash names its query for ever (Apollo
 * checks the hash when one registers), so this process keeps the most recent ones in memory too, and a lookup
 * there costs no round trip. Redis failing is never an error: a lookup answers "not found" (the client sends the
 * query again, as the protocol says) and a registration is dropped.
 */
export function createRedisPersistedQueries(options: RedisPersistedQueriesOptions): PersistedQueryStore {
  const { client, logger } = options;
  const prefix = options.prefix ?? 'dms:';
  const idleTtlMs = options.idleTtlMs ?? 86_400_000;
  const maxLocal = options.localEntries ?? 1000;
  const deadlineMs = options.deadlineMs ?? 500;
  const local = new Map<string, string>();
  let failing = false;

  const remember = (key: string, value: string) => {
    local.delete(key);
    local.set(key, value);
    if (local.size > maxLocal) local.delete(local.keys().next().value as string);
  };
  const fail = (err: unknown, operation: string) => {
    if (!failing) logger.warn({ err, operation }, 'persisted queries: redis failed, clients resend their queries');
    failing = true;
  };
  const succeeded = () => {
    if (failing) logger.info('persisted queries: redis answers again');
    failing = false;
  };

  return {
    async get(key) {
      const known = local.get(key);
      if (known !== undefined) {
        remember(key, known);
        return known;
      }
      if (!isRedisReady(client)) return undefined;
      try {
        const value = await withDeadline(client.getex(prefix + key, 'PX', idleTtlMs), deadlineMs);
        succeeded();
        if (value === null) return undefined;
        remember(key, value);
        return value;
      } catch (err) {
        fail(err, 'get');
        return undefined;
      }
    },
    async set(key, value, setOptions) {
      remember(key, value);
      if (!isRedisReady(client)) return;
      const ttlMs = setOptions?.ttl ? Math.round(setOptions.ttl * 1000) : idleTtlMs;
      try {
        await withDeadline(client.set(prefix + key, value, 'PX', ttlMs), deadlineMs);
        succeeded();
      } catch (err) {
        fail(err, 'set');
      }
    },
    async delete(key) {
      local.delete(key);
      if (!isRedisReady(client)) return false;
      try {
        return (await withDeadline(client.del(prefix + key), deadlineMs)) > 0;
      } catch (err) {
        fail(err, 'delete');
        return false;
      }
    },
  };
}
