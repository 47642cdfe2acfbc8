import { z } from 'zod';
import { defineSettings } from './define-settings';
import { usesNodeEnv } from './runtime-settings';
import { boolean, ipOrCidrList } from './setting-schemas';

/** Never counted by the flood guard in development unless FLOOD_ALLOWLIST says otherwise. */
export const DEVELOPMENT_FLOOD_ALLOWLIST: readonly string[] = ['127.0.0.0/8', '::1'];

/** Upstream calls per second one caller may make to one service; 0 = unlimited. */
const rps = z.coerce.number().int().min(0).default(30);
/** Upstream calls per second a service accepts from all callers together; 0 = no cap. */
const capacity = z.coerce.number().int().min(0).default(0);

/** Rate limits and the flood guard (traffic/). */
export const trafficSettings = defineSettings({
  env: {
    /**
     * Upstream calls per second one caller (user uuid, else client IP) may make to each service, counted across
     * replicas through Redis; 0 = unlimited. @default 30
     */
    RATE_LIMIT_AUTH_RPS: rps,
    RATE_LIMIT_CLUB_RPS: rps,
    RATE_LIMIT_OUTING_RPS: rps,
    RATE_LIMIT_SCHEDULE_RPS: rps,
    RATE_LIMIT_ANNOUNCEMENT_RPS: rps,
    /**
     * The most calls per second a service accepts from all callers together, across replicas (the legacy
     * design's per-service limit); over it calls are refused with 429 before any instance is picked; 0 = no cap.
     * @default 0
     */
    SERVICE_CAPACITY_AUTH_RPS: capacity,
    SERVICE_CAPACITY_CLUB_RPS: capacity,
    SERVICE_CAPACITY_OUTING_RPS: capacity,
    SERVICE_CAPACITY_SCHEDULE_RPS: capacity,
    SERVICE_CAPACITY_ANNOUNCEMENT_RPS: capacity,
    /**
     * How often each replica reconciles its per-service counts with the others through Redis, in ms: the
     * longer, the more replicas may together admit over a limit between two reconciliations. @default 100
     */
    SERVICE_LIMITS_SYNC_MS: z.coerce.number().int().min(10).max(5000).default(100),
    /** Enforce the schema's `@rateLimit` directives (logins, sign-up and confirm codes, SMS). @default true */
    RATE_LIMIT_DIRECTIVES: boolean.default(true),
    /** Requests one client address may send in any second before it is blocked; 0 = flood guard off. @default 50 */
    FLOOD_THRESHOLD: z.coerce.number().int().min(0).default(50),
    /** How long a flooding address is refused with 403 IP_BLOCKED, in seconds. @default 60 */
    FLOOD_BLOCK_SECONDS: z.coerce.number().positive().default(60),
    /**
     * Addresses or CIDR blocks the flood guard never counts (health checkers), comma-separated.
     * @default loopback (`127.0.0.0/8,::1`) in development, empty otherwise
     */
    FLOOD_ALLOWLIST: ipOrCidrList.optional(),
    /** Proxies (addresses or CIDR blocks) whose X-Forwarded-For names the client; comma-separated. @default empty */
    TRUSTED_PROXIES: ipOrCidrList.default([]),
  },
  uses: usesNodeEnv,
  read: (e) => ({
    traffic: {
      /** Upstream calls per second per caller and service; 0 = unlimited. */
      serviceRps: {
        auth: e.RATE_LIMIT_AUTH_RPS,
        club: e.RATE_LIMIT_CLUB_RPS,
        outing: e.RATE_LIMIT_OUTING_RPS,
        schedule: e.RATE_LIMIT_SCHEDULE_RPS,
        announcement: e.RATE_LIMIT_ANNOUNCEMENT_RPS,
      },
      /** Upstream calls per second per service from all callers together; 0 = no cap. */
      serviceCapacity: {
        auth: e.SERVICE_CAPACITY_AUTH_RPS,
        club: e.SERVICE_CAPACITY_CLUB_RPS,
        outing: e.SERVICE_CAPACITY_OUTING_RPS,
        schedule: e.SERVICE_CAPACITY_SCHEDULE_RPS,
        announcement: e.SERVICE_CAPACITY_ANNOUNCEMENT_RPS,
      },
      /** How often the per-service counts are reconciled across replicas, in ms. */
      syncIntervalMs: e.SERVICE_LIMITS_SYNC_MS,
      /** Whether `@rateLimit` directives are enforced. */
      fieldLimits: e.RATE_LIMIT_DIRECTIVES,
      /** `threshold` 0 = off. */
      flood: {
        threshold: e.FLOOD_THRESHOLD,
        blockMs: Math.round(e.FLOOD_BLOCK_SECONDS * 1000),
        // A developer's own tools (explorers, audits, scripts) talk from loopback at machine speed; in
        // production loopback is a sidecar or a proxy like any other address.
        allowlist: e.FLOOD_ALLOWLIST ?? (e.NODE_ENV === 'development' ? DEVELOPMENT_FLOOD_ALLOWLIST : []),
      },
      trustedProxies: e.TRUSTED_PROXIES,
    },
  }),
});
