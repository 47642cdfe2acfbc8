import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../core/config';
import type { Logger } from '../core/logger';

/** A client of whichever kind the settings name: one Redis (maybe found through Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** A command that takes longer fails (the owner falls back to its in-memory twin), in ms. @default none */
  commandTimeoutMs?: number;
  /** Wraps the new client, e.g. with a span per command (telemetry lives above this layer). */
  instrument?: (client: RedisClient) => void;
}

// Reconnect quickly at first, then every 2 s at most, forever.
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2000);

/** What every connection to one Redis node shares, whatever the topology. */
function nodeOptions(options: RedisClientOptions): RedisOptions {
  return {
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
  };
}

/**
 * The one place settings become an ioredis client, for every Redis user (the response cache, the limiters and IP
 * blocks, the used Request-Security values, the APQ store). It never throws on a lost connection: commands fail
 * fast while Redis is unreachable (no offline queue), so owners fall back to their in-memory twins, and the client
 * reconnects by itself. Clustering and failover are ioredis's: a Cluster follows MOVED/ASK and the promotion of a
 * replica, a Sentinel client asks the sentinels for the primary again after every disconnect.
 */
export function createRedisClient(target: RedisTarget, logger: Logger, options: RedisClientOptions = {}): RedisClient {
  const client = newClient(target, options);
  options.instrument?.(client);
  let healthy = true;
  client.on('error', (err: Error) => {
    if (healthy) logger.warn({ err, redis: target.kind }, 'redis unavailable');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info({ redis: target.kind }, 'redis available again');
    healthy = true;
  });
  return client;
}

/**
 * A connection of its own for SUBSCRIBE (a subscribed connection takes no other commands), of the same kind as
 * the command clients: on a Cluster, ioredis subscribes through one node and moves to another when it leaves;
 * published messages reach every node of a cluster.
 */
export function createRedisSubscriber(target: RedisTarget, logger: Logger, options: RedisClientOptions = {}) {
  return createRedisClient(target, logger, { ...(options.instrument ? { instrument: options.instrument } : {}) });
}

function newClient(target: RedisTarget, options: RedisClientOptions): RedisClient {
  // Commands issued in the same tick (concurrent requests' lookups and counters) leave in one write: a socket
  // write per command was the largest single cost of a cache hit in a CPU profile (bench/, W1). A Cluster groups
  // them per node.
  const shared = { enableOfflineQueue: false, enableAutoPipelining: true, lazyConnect: false } as const;
  switch (target.kind) {
    case 'single':
      return new Redis(target.url, { ...shared, ...nodeOptions(options), retryStrategy });
    case 'sentinel':
      return new Redis({
        ...shared,
        ...nodeOptions(options),
        retryStrategy,
        sentinels: target.sentinels,
        name: target.name,
        role: 'master',
        // A primary that is demoted rather than killed closes its clients' connections itself; one that answers
        // READONLY all the same makes the client ask the sentinels again. Not `failoverDetector`: its
        // +switch-master handler, still subscribed from the lost connection, ends a client that is reconnecting
        // at that moment for good (status "end": 3 of one replica's 4 clients in a clusters-tier run; ioredis#1683).
        reconnectOnError: (err) => err.message.startsWith('READONLY'),
        sentinelRetryStrategy: retryStrategy,
      });
    case 'cluster':
      return new Cluster(target.nodes, {
        ...shared,
        // Reads from primaries only: a replica may lag behind an invalidation or a counter.
        scaleReads: 'master',
        clusterRetryStrategy: retryStrategy,
        // A command whose primary is gone is retried (after a slot refresh) until a replica has taken over or the
        // command timeout ends it; failover takes about cluster-node-timeout plus an election.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 200,
        retryDelayOnTryAgain: 100,
        slotsRefreshTimeout: 2000,
        // Picks up topology changes nobody's command ran into (a replica added, a failover on an idle slot).
        slotsRefreshInterval: 5000,
        redisOptions: nodeOptions(options),
      });
  }
}

/** Whether the client can take commands right now. */
export function isRedisReady(client: RedisClient): boolean {
  return client.status === 'ready';
}

/**
 * The command's answer, or an error once `ms` have passed. A command timeout alone does not bound the wait on a
 * Cluster: an auto-pipelined command whose primary is gone is resent (with a fresh timeout) until a replica has
 * taken over, which takes seconds; the caller falls back to its in-memory twin at the deadline instead.
 */
export function withDeadline<T>(command: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([command, deadline]).finally(() => clearTimeout(timer));
}
