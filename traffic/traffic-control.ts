import type { IncomingMessage } from 'node:http';
import { createRedisClient, createRedisSubscriber, type RedisClient } from '../cache/redis-client';
import { CLUSTER_PARTITIONS } from '../cache/redis-response-store';
import type { Config, RedisTarget } from '../core/config';
import type { Logger } from '../core/logger';
import { createAddressMatcher, createClientIpResolver } from '../http/client-ip';
import { createFailoverCounters } from './failover-counters';
import { createFloodGuard, type FloodGuard } from './flood-guard';
import { createMemoryIpBlocks, type IpBlocks } from './ip-blocks';
import { createMemoryCounters } from './memory-counters';
import { createServiceAdmission, type AdmissionCounters, type UpstreamAdmission } from './rate-limiter';
import { createReconciledCounters, type ReconciledCounters } from './reconciled-counters';
import { createRedisCounters } from './redis-counters';
import { createRedisIpBlocks } from './redis-ip-blocks';
import type { FieldRateLimitDeps } from './field-rate-limits';
import type { TrafficEvents, WindowCounters } from './window-counters';

/** The `limits` entry of /readyz. Degraded limits never make the gateway unready: requests are still served. */
export interface TrafficStatus {
  store: 'redis' | 'memory';
  /** True while Redis is configured but unreachable: limits are counted per replica, blocks stay local. */
  degraded: boolean;
  /** How Redis is reached: one server, a Cluster, or a primary found through Sentinel. */
  redis?: RedisTarget['kind'];
}

export interface TrafficControl {
  /** The client address of a request (X-Forwarded-For only from TRUSTED_PROXIES). */
  clientIp(req: IncomingMessage): string;
  /**
   * The flood guard, registered on the HTTP server as it is: the refusal (429, or 403 while the address is
   * blocked), or false to let the request on. Undefined when it is off (FLOOD_THRESHOLD=0).
   */
  floodGuard: FloodGuard | undefined;
  /** Per-service limits (per caller and capacity) for `CallDeps.admit`; undefined when none is set. */
  admitUpstream: UpstreamAdmission | undefined;
  /** What the `@rateLimit` plugin needs; undefined when the directives are switched off. */
  fieldRateLimits: FieldRateLimitDeps | undefined;
  /** The shared sliding-window counters (Redis when configured, with the in-process fallback), for other limits such as route 70's. */
  counters: WindowCounters;
  status(): TrafficStatus;
  close(): Promise<void>;
}

export interface TrafficControlOptions {
  settings: Config['traffic'];
  /** Where the shared counters and blocks live; undefined = in-process only. */
  redis: RedisTarget | undefined;
  logger: Logger;
  /** Namespace of the Redis keys and channel (tests run two "deployments" on one database). @default "traffic:" */
  redisPrefix?: string;
  /** Refusals and blocks, for metrics. */
  events?: TrafficEvents;
  /** Wraps each Redis client, e.g. with a span per command. */
  instrumentRedis?: (client: RedisClient) => void;
}

/**
 * Rate limits and the flood guard, on Redis when one is configured (shared by every replica) and in-process
 * otherwise. The limiter's Redis connection has a short command timeout: a slow Redis must not slow every
 * upstream call, and a timed-out hit is counted in-process instead.
 */
export function createTrafficControl(options: TrafficControlOptions): TrafficControl {
  const { settings, redis: target, logger, events = {} } = options;
  const log = logger.child({ component: 'traffic' });
  const prefix = options.redisPrefix ?? 'traffic:';
  const trusted = createAddressMatcher(settings.trustedProxies);
  const clientIp = createClientIpResolver(trusted);
  const floodCounters = createMemoryCounters();
  const localBlocks = createMemoryIpBlocks();

  let counters: WindowCounters & { degraded?: () => boolean };
  let admissionCounters: AdmissionCounters & { close(): Promise<void> };
  let shared: ReconciledCounters | undefined;
  let blocks: IpBlocks;
  const clients: RedisClient[] = [];
  if (target) {
    const instrument = options.instrumentRedis ? { instrument: options.instrumentRedis } : {};
    const redis = createRedisClient(target, log, { commandTimeoutMs: 250, ...instrument });
    const subscriber = createRedisSubscriber(target, log, instrument);
    clients.push(redis, subscriber);
    counters = createFailoverCounters(
      redis,
      createRedisCounters(redis, { prefix: `${prefix}count:` }),
      createMemoryCounters(),
      log,
    );
    blocks = createRedisIpBlocks({ redis, subscriber, local: localBlocks, logger: log, prefix });
    shared = createReconciledCounters(redis, log, {
      prefix: `${prefix}shared:`,
      syncIntervalMs: settings.syncIntervalMs,
      partitions: target.kind === 'cluster' ? CLUSTER_PARTITIONS : 1,
    });
    admissionCounters = shared;
  } else {
    counters = createMemoryCounters();
    admissionCounters = createMemoryCounters();
    blocks = localBlocks;
  }

  const serviceLimits = { perCaller: settings.serviceRps, capacity: settings.serviceCapacity };
  const serviceLimitsSet = [...Object.values(serviceLimits.perCaller), ...Object.values(serviceLimits.capacity)].some(
    (rps) => rps > 0,
  );
  const floodGuard = createFloodGuard({
    threshold: settings.flood.threshold,
    blockMs: settings.flood.blockMs,
    allowlist: createAddressMatcher(settings.flood.allowlist),
    counters: floodCounters,
    blocks,
    logger: log,
    events,
  });

  return {
    clientIp,
    floodGuard,
    admitUpstream: serviceLimitsSet ? createServiceAdmission(admissionCounters, serviceLimits, events) : undefined,
    fieldRateLimits: settings.fieldLimits ? { counters, events } : undefined,
    counters,
    status: () =>
      target
        ? {
            store: 'redis',
            degraded: (counters.degraded?.() ?? false) || (shared?.degraded() ?? false),
            redis: target.kind,
          }
        : { store: 'memory', degraded: false },
    async close() {
      await blocks.close();
      await counters.close();
      await admissionCounters.close();
      await floodCounters.close();
      for (const client of clients) client.disconnect();
    },
  };
}
