import { z } from 'zod';
import { bothOrNeither, defineSettings, type SettingsOf } from './define-settings';
import { addressList } from './setting-schemas';

/** How the gateway reaches Redis; the three settings that name one are mutually exclusive. */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: HostPort[] }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string };

export interface HostPort {
  host: string;
  port: number;
}

const REDIS_SETTINGS = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

const atLeastOne = z.array(z.string()).min(1, 'expected at least one host:port');

const redisEnv = {
  /**
   * One Redis for the response cache, limits, IP blocks, used Request-Security values and APQ, shared by all
   * replicas. At most one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS; none = in-memory. @default unset
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected redis://host:port/db')
    .optional(),
  /** Seed nodes of a Redis Cluster, comma-separated `host:port` (the rest are discovered). @default unset */
  REDIS_CLUSTER_NODES: addressList.pipe(atLeastOne).optional(),
  /** Sentinels watching the Redis primary, comma-separated `host:port`; needs REDIS_SENTINEL_NAME. @default unset */
  REDIS_SENTINELS: addressList.pipe(atLeastOne).optional(),
  /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). @default unset */
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
};

/** The one Redis shared by all replicas: response cache, limits, IP blocks, used Request-Security values, APQ. */
export const redisSettings = defineSettings({
  env: redisEnv,
  rules: [
    {
      reads: REDIS_SETTINGS,
      check: (e) => {
        const named = REDIS_SETTINGS.filter((name) => e[name] !== undefined);
        return named.length > 1
          ? {
              setting: named.join(', '),
              reason: `set at most one of ${REDIS_SETTINGS.join(', ')} (one Redis, a cluster, or Sentinel)`,
            }
          : undefined;
      },
    },
    bothOrNeither('REDIS_SENTINELS', 'REDIS_SENTINEL_NAME'),
  ],
  read: (e) => ({
    /** `undefined` means in-memory cache and limits (the embedded default). */
    redis: redisTargetOf(e),
  }),
});

function redisTargetOf(e: SettingsOf<typeof redisEnv>): RedisTarget | undefined {
  if (e.REDIS_URL) return { kind: 'single', url: e.REDIS_URL };
  if (e.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES.map(hostPort) };
  if (e.REDIS_SENTINELS && e.REDIS_SENTINEL_NAME) {
    return { kind: 'sentinel', sentinels: e.REDIS_SENTINELS.map(hostPort), name: e.REDIS_SENTINEL_NAME };
  }
  return undefined;
}

function hostPort(address: string): HostPort {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}
