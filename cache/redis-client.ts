import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../core/logger';

/**
 * One ioredis client per owner (the response cache, the limiters, the flood guard share it). It never throws
 * on a lost connection: commands fail fast while Redis is down (no offline queue), so callers can fall back to
 * their in-memory twins, and the client reconnects by itself.
 */
export function createRedisClient(
  url: string,
  logger: Logger,
  options: RedisOptions = {},
  /** Wraps the new client, e.g. with a span per command (telemetry lives above this layer). */
  instrument?: (client: Redis) => void,
): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Reconnect quickly at first, then every 2 s at most, forever.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // Commands issued in the same tick (concurrent requests' lookups and counters) leave in one write: a socket
    // write per command was the largest single cost of a cache hit in a CPU profile (bench/, W1).
    enableAutoPipelining: true,
    ...options,
  });
  instrument?.(client);
  let healthy = true;
  client.on('error', (err: Error) => {
    if (healthy) logger.warn({ err }, 'redis unavailable');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info('redis available again');
    healthy = true;
  });
  return client;
}

/** Whether the client can take commands right now. */
export function isRedisReady(client: Redis): boolean {
  return client.status === 'ready';
}
