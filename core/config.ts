import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting of the gateway and the reference services, parsed once from an env object at the edge
 * (`src/main.ts`, `reference-services/main.ts`). Each one is listed with its default in the README.
 */

const port = z.coerce.number().int().min(0).max(65535);
const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** Comma-separated IP addresses or CIDR blocks (`10.0.0.0/8`, `::1`), IPv4 or IPv6. */
const ipOrCidrList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().refine(isIpOrCidr, 'expected an IP address or CIDR block')));

function isIpOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** Upstream calls per second one caller may make to one service; 0 = unlimited. */
const rps = z.coerce.number().int().min(0).default(30);

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port')));

/** Never counted by the flood guard in development unless FLOOD_ALLOWLIST says otherwise. */
export const DEVELOPMENT_FLOOD_ALLOWLIST: readonly string[] = ['127.0.0.0/8', '::1'];

export const SERVICE_NAMES = ['auth', 'club', 'outing', 'schedule', 'announcement'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The name each service registers under in Consul, as in the legacy system. */
export function consulServiceName(service: ServiceName): string {
  return `DMS.SMS.v1.service.${service}`;
}

export const DEFAULT_SERVICE_PORTS: Record<ServiceName, number> = {
  auth: 50051,
  club: 50052,
  outing: 50053,
  schedule: 50054,
  announcement: 50055,
};

const envSchema = z.object({
  /** `production` turns on the production guards (JWT secret required, Sandbox off). @default "development" */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino level. @default "info" */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Gateway HTTP port. @default 4000 */
  PORT: port.default(4000),
  /** Gateway HTTP bind address. @default "0.0.0.0" */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** HS512 secret shared with the legacy gateway; required when NODE_ENV=production. @default a development secret */
  JWT_SECRET_KEY: z.string().min(1).optional(),
  /**
   * Serve the explorers: Apollo Sandbox at GET /graphql and GraphiQL (no internet needed) at GET /graphiql.
   * @default true unless production
   */
  GRAPHQL_SANDBOX: boolean.optional(),
  /** Answer introspection queries (Sandbox and codegen need them); off also hides field suggestions. @default true unless production */
  GRAPHQL_INTROSPECTION: boolean.optional(),
  /** Deepest selection nesting an operation may have (introspection excepted). @default 8 */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(8),
  /** Highest static cost (graphql-armor: object 2, scalar 1, ×1.5 per level; introspection excepted). @default 1000 */
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(1000),
  /** Most aliases in one operation. @default 15 */
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  /** Most directives (`@include`, `@skip`, …) in one operation. @default 50 */
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  /** Most lexical tokens in one query document, counted while parsing. @default 1000 */
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(1).default(1000),
  /** Most operations in one batched (JSON array) request; 1 turns batching off. @default 10 */
  GRAPHQL_MAX_BATCH: z.coerce.number().int().min(1).default(10),
  /** Apollo's automatic persisted queries (a hash instead of the query text once registered). @default true */
  GRAPHQL_APQ: boolean.default(true),
  /** Run only the operations listed in GRAPHQL_SAFELIST_FILE; any other is refused with 403. @default false */
  GRAPHQL_SAFELIST: boolean.default(false),
  /** The safelist: JSON `{"operations": ["query …", …]}` (`npm run generate` writes one from the fixtures). @default "safelist.json" */
  GRAPHQL_SAFELIST_FILE: z.string().min(1).default('safelist.json'),
  /** Operation plans kept (one per document and operation name; least recently used go first). @default 1000 */
  GRAPHQL_PLAN_CACHE_SIZE: z.coerce.number().int().min(1).default(1000),
  /** Runs of a document after which graphql-jit compiles it; it is interpreted until then. @default 2 */
  GRAPHQL_COMPILE_AFTER: z.coerce.number().int().min(1).default(2),
  /** Origins browsers may call from, comma-separated, or `*` for any (as the legacy gateway allowed). @default "*" */
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .default(['*']),
  /** Largest JSON request body, in bytes. @default 1048576 */
  MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Largest uploaded file (profile image, club logo, Excel import), in bytes. @default 10485760 */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /**
   * One Redis for the response cache, limits, IP blocks, used Request-Security values and APQ, shared by all
   * replicas. At most one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS; none = in-memory. @default unset
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected redis://host:port/db')
    .optional(),
  /** Seed nodes of a Redis Cluster, comma-separated `host:port` (the rest are discovered). @default unset */
  REDIS_CLUSTER_NODES: addressList.pipe(z.array(z.string()).min(1, 'expected at least one host:port')).optional(),
  /** Sentinels watching the Redis primary, comma-separated `host:port`; needs REDIS_SENTINEL_NAME. @default unset */
  REDIS_SENTINELS: addressList.pipe(z.array(z.string()).min(1, 'expected at least one host:port')).optional(),
  /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). @default unset */
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
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
  /**
   * Upstream calls per second one caller (user uuid, else client IP) may make to each service, counted across
   * replicas through Redis; 0 = unlimited. @default 30
   */
  RATE_LIMIT_AUTH_RPS: rps,
  RATE_LIMIT_CLUB_RPS: rps,
  RATE_LIMIT_OUTING_RPS: rps,
  RATE_LIMIT_SCHEDULE_RPS: rps,
  RATE_LIMIT_ANNOUNCEMENT_RPS: rps,
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
  /** Consul agent HTTP address (`host:port` or URL); unset means static discovery. @default unset */
  CONSUL_HTTP_ADDR: z.string().min(1).optional(),
  /** Blocking-query wait of the Consul watch. @default "30s" */
  CONSUL_WATCH_WAIT: z
    .string()
    .regex(/^\d+(ms|s|m)$/, 'expected a duration such as 30s')
    .default('30s'),
  /** The header legacy Consul HTTP watches put their index in (route 2). @default "X-Consul-Index" */
  CONSUL_INDEX_HEADER: z.string().min(1).default('X-Consul-Index'),
  /** Overall time budget of one request: no upstream call starts or runs past it, in ms. @default 10000 */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Transport errors that open an instance's breaker (legacy 5). @default 5 */
  BREAKER_ERROR_THRESHOLD: z.coerce.number().int().min(1).default(5),
  /** Successes after half-open that close it (legacy 5). @default 5 */
  BREAKER_SUCCESS_THRESHOLD: z.coerce.number().int().min(1).default(5),
  /** How long a breaker stays open, in ms (legacy 1 minute). @default 60000 */
  BREAKER_OPEN_MS: z.coerce.number().int().min(10).default(60_000),
  /** Consul ACL token. @default unset */
  CONSUL_HTTP_TOKEN: z.string().min(1).optional(),
  /** Static upstream addresses per service, comma-separated `host:port`. @default unset (embedded services) */
  UPSTREAM_AUTH_ADDRS: addressList.optional(),
  UPSTREAM_CLUB_ADDRS: addressList.optional(),
  UPSTREAM_OUTING_ADDRS: addressList.optional(),
  UPSTREAM_SCHEDULE_ADDRS: addressList.optional(),
  UPSTREAM_ANNOUNCEMENT_ADDRS: addressList.optional(),
  /** Bind address of the reference services. @default "127.0.0.1" */
  REFERENCE_SERVICES_HOST: z.string().min(1).default('127.0.0.1'),
  /** Address the reference services register in Consul. @default REFERENCE_SERVICES_HOST */
  REFERENCE_SERVICES_ADVERTISE_HOST: z.string().min(1).optional(),
  /** Reference service ports; 0 picks a free port. @default 50051…50055 */
  REFERENCE_AUTH_PORT: port.default(DEFAULT_SERVICE_PORTS.auth),
  REFERENCE_CLUB_PORT: port.default(DEFAULT_SERVICE_PORTS.club),
  REFERENCE_OUTING_PORT: port.default(DEFAULT_SERVICE_PORTS.outing),
  REFERENCE_SCHEDULE_PORT: port.default(DEFAULT_SERVICE_PORTS.schedule),
  REFERENCE_ANNOUNCEMENT_PORT: port.default(DEFAULT_SERVICE_PORTS.announcement),
  /** Seed the demo accounts, clubs, schedules, announcements and outings. @default true */
  REFERENCE_SERVICES_DEMO_DATA: boolean.default(true),
  /** TTL of the Consul check each reference service keeps passing, in seconds. @default 15 */
  REFERENCE_SERVICES_CHECK_TTL_SECONDS: z.coerce.number().int().min(2).max(3600).default(15),
  /** Run the active health checker inside the gateway (needs CONSUL_HTTP_ADDR). @default false */
  HEALTH_CHECKER_ENABLED: boolean.default(false),
  /** HTTP port of the standalone health checker (`/health/instances`, `/metrics`, `/healthz`). @default 4001 */
  HEALTH_CHECKER_PORT: port.default(4001),
  /** Time between two check rounds over every instance, in ms (legacy 1 minute). @default 60000 */
  HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
  /** Deadline of one instance's check, in ms (legacy 2 s). @default 2000 */
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(10).default(2000),
  /** Consecutive failed checks after which the instance's Consul check is failed. @default 2 */
  HEALTH_CHECK_FAILURES_BEFORE_CRITICAL: z.coerce.number().int().min(1).default(2),
  /** How long an instance fails every check (from its first failure) before it is deregistered, in ms. @default 60000 */
  HEALTH_CHECK_DEREGISTER_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
  /** Checks kept per instance in `/health/instances`. @default 20 */
  HEALTH_CHECK_HISTORY_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  /** URL that gets a JSON POST when a service has no healthy instance left (and when it recovers). @default unset */
  HEALTH_CHECK_ALERT_WEBHOOK: z.url({ protocol: /^https?$/ }).optional(),
  /** OTLP/HTTP collector base URL (spans go to `<url>/v1/traces`); unset = tracing off. @default unset */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Share of new traces sampled, 0…1 (an incoming sampled `traceparent` is always followed). @default 1 */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** `service.name` of the spans and log lines. @default "dms-sms-gateway" */
  OTEL_SERVICE_NAME: z.string().min(1).default('dms-sms-gateway'),
  /** After SIGTERM, how long in-flight requests may take before their connections are cut, in ms. @default 10000 */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Passphrase of the legacy `Request-Security` header (aes-everywhere AES-256); set (with
   * REQUEST_SECURITY_BASE_PLAIN) to require the header on the legacy routes. @default unset (off)
   */
  REQUEST_SECURITY_PASSPHRASE: z.string().min(1).optional(),
  /** The base text a `Request-Security` plaintext starts with (`<base>:<unix seconds>`; legacy SECURITY_BASE_PLAIN). @default unset */
  REQUEST_SECURITY_BASE_PLAIN: z.string().min(1).optional(),
  /** How far a `Request-Security` time may be from now, in seconds; used values are forgotten after it. @default 300 */
  REQUEST_SECURITY_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Used `Request-Security` values the in-memory store (no Redis configured) keeps at most. @default 100000 */
  REQUEST_SECURITY_MEMORY_MAX_ENTRIES: z.coerce.number().int().min(1).default(100_000),
  /** Serve GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on `/graphql`. @default true */
  SUBSCRIPTIONS_ENABLED: boolean.default(true),
  /** Open subscription sockets one replica accepts; an upgrade beyond it gets 503. @default 10000 */
  SUBSCRIPTIONS_MAX_SOCKETS: z.coerce.number().int().min(1).default(10_000),
  /** Open subscription sockets of one account on one replica; one more is closed with 4403. @default 10 */
  SUBSCRIPTIONS_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(10),
  /** Subscriptions running on one socket; one more is refused (RATE_LIMITED). @default 20 */
  SUBSCRIPTIONS_MAX_PER_SOCKET: z.coerce.number().int().min(1).default(20),
  /** Subscriptions of one account across its sockets on one replica; one more is refused (RATE_LIMITED). @default 50 */
  SUBSCRIPTIONS_MAX_PER_USER: z.coerce.number().int().min(1).default(50),
  /**
   * Bytes waiting for one socket (unsent frames plus events not yet executed) before the client counts as a slow
   * consumer and its socket is closed with 1013. @default 262144
   */
  SUBSCRIPTIONS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** How often every socket is pinged; a socket without a pong by the next ping is cut, in ms. @default 12000 */
  SUBSCRIPTIONS_HEARTBEAT_MS: z.coerce.number().int().min(100).default(12_000),
  /** Serve legacy route 70, `GET /naver-open-api/search/local`; off it is an unknown route (404). @default false */
  NAVER_SEARCH_ENABLED: boolean.default(false),
  /** Naver open API client id; with NAVER_CLIENT_SECRET the route calls Naver, without both the in-memory twin answers. @default unset */
  NAVER_CLIENT_ID: z.string().min(1).optional(),
  /** Naver open API client secret. @default unset */
  NAVER_CLIENT_SECRET: z.string().min(1).optional(),
  /** The Naver local search endpoint (an egress proxy or a test fake may stand in). @default "https://openapi.naver.com/v1/search/local.json" */
  NAVER_SEARCH_URL: z.url({ protocol: /^https?$/ }).default('https://openapi.naver.com/v1/search/local.json'),
  /** How long one Naver call may take before the route answers 500, in ms. @default 3000 */
  NAVER_SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
});

export type Env = z.infer<typeof envSchema>;

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

function hostPort(address: string): HostPort {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

function redisTargetOf(e: Env): RedisTarget | undefined {
  if (e.REDIS_URL) return { kind: 'single', url: e.REDIS_URL };
  if (e.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES.map(hostPort) };
  if (e.REDIS_SENTINELS && e.REDIS_SENTINEL_NAME) {
    return { kind: 'sentinel', sentinels: e.REDIS_SENTINELS.map(hostPort), name: e.REDIS_SENTINEL_NAME };
  }
  return undefined;
}

/** Every environment variable the gateway and its tools read (the README's settings table lists each). */
export const SETTING_NAMES = Object.keys(envSchema.shape) as Array<keyof Env>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  http: { host: string; port: number; maxRequestBytes: number; maxUploadBytes: number };
  /** `undefined` secret means "use the development secret" (refused in production). */
  jwtSecret: string | undefined;
  /** Apollo Sandbox at `GET /graphql` and GraphiQL at `GET /graphiql`. */
  sandbox: boolean;
  /** Request limits and operation controls (src/graphql/request-limits.ts). */
  graphql: {
    introspection: boolean;
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxBatch: number;
    apq: boolean;
    /** Operation plans kept in the LRU. */
    planCacheSize: number;
    /** Runs of a document before graphql-jit compiles it. */
    compileAfter: number;
    /** The safelist file's path when safelist mode is on; `undefined` = every valid operation may run. */
    safelistFile: string | undefined;
  };
  /** `['*']` = any origin. */
  cors: { origins: string[] };
  consul: { address: string; token: string | undefined; watchWait: string; indexHeader: string } | undefined;
  /** `undefined` means in-memory cache and limits (the embedded default). */
  redis: RedisTarget | undefined;
  /** The GraphQL response cache (cache/). Durations in ms. */
  cache: {
    enabled: boolean;
    defaultTtlMs: number;
    timetableTtlMs: number;
    maxStalenessMs: number;
    memoryMaxEntries: number;
    redisTimeoutMs: number;
  };
  /** Rate limits and the flood guard (traffic/). */
  traffic: {
    /** Upstream calls per second per caller and service; 0 = unlimited. */
    serviceRps: Record<ServiceName, number>;
    /** Whether `@rateLimit` directives are enforced. */
    fieldLimits: boolean;
    /** `threshold` 0 = off. */
    flood: { threshold: number; blockMs: number; allowlist: readonly string[] };
    trustedProxies: string[];
  };
  /** Every request's overall budget, in ms. */
  requestTimeoutMs: number;
  breaker: { errorThreshold: number; successThreshold: number; openMs: number };
  upstreams: Record<ServiceName, string[] | undefined>;
  referenceServices: {
    host: string;
    advertiseHost: string;
    ports: Record<ServiceName, number>;
    demoData: boolean;
    checkTtlSeconds: number;
  };
  healthChecker: {
    /** Embedded in the gateway; the standalone `npm run health-checker` ignores it. */
    enabled: boolean;
    port: number;
    intervalMs: number;
    timeoutMs: number;
    failuresBeforeCritical: number;
    deregisterAfterMs: number;
    historySize: number;
    alertWebhook: string | undefined;
  };
  /** Traces are off when `otlpEndpoint` is unset. */
  telemetry: { serviceName: string; otlpEndpoint: string | undefined; sampleRatio: number };
  /** After SIGTERM, how long in-flight requests may take, in ms. */
  shutdownGraceMs: number;
  /** The legacy Request-Security filter (rest/request-security.ts); `undefined` = off. */
  requestSecurity: { passphrase: string; basePlain: string; maxAgeMs: number; memoryMaxEntries: number } | undefined;
  /** GraphQL subscriptions over WebSocket (src/graphql/subscription-server.ts); `undefined` = off. */
  subscriptions: SubscriptionLimits | undefined;
  /** Legacy route 70 (rest/naver/); `undefined` = off. `credentials` unset = the in-memory twin answers. */
  naverSearch:
    { url: string; timeoutMs: number; credentials: { clientId: string; clientSecret: string } | undefined } | undefined;
}

/** The bounds of live updates over WebSocket, per replica. */
export interface SubscriptionLimits {
  maxConnections: number;
  maxConnectionsPerUser: number;
  maxPerConnection: number;
  maxPerUser: number;
  maxBufferedBytes: number;
  heartbeatMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the whole environment at once and reports every invalid setting together. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const relevant = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(relevant);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET_KEY) {
    throw new ConfigError(['JWT_SECRET_KEY: required when NODE_ENV=production']);
  }
  if (!e.REQUEST_SECURITY_PASSPHRASE !== !e.REQUEST_SECURITY_BASE_PLAIN) {
    throw new ConfigError([
      'REQUEST_SECURITY_PASSPHRASE: needs REQUEST_SECURITY_BASE_PLAIN too (and the other way round)',
    ]);
  }
  if (!e.NAVER_CLIENT_ID !== !e.NAVER_CLIENT_SECRET) {
    throw new ConfigError(['NAVER_CLIENT_ID: needs NAVER_CLIENT_SECRET too (and the other way round)']);
  }
  if (e.NODE_ENV === 'production' && e.NAVER_SEARCH_ENABLED && !e.NAVER_CLIENT_ID) {
    throw new ConfigError([
      'NAVER_SEARCH_ENABLED: needs NAVER_CLIENT_ID and NAVER_CLIENT_SECRET when NODE_ENV=production',
    ]);
  }
  const redisSettings = REDIS_SETTINGS.filter((name) => e[name] !== undefined);
  if (redisSettings.length > 1) {
    throw new ConfigError([
      `${redisSettings.join(', ')}: set at most one of ${REDIS_SETTINGS.join(', ')} (one Redis, a cluster, or Sentinel)`,
    ]);
  }
  if (!e.REDIS_SENTINELS !== !e.REDIS_SENTINEL_NAME) {
    throw new ConfigError(['REDIS_SENTINELS: needs REDIS_SENTINEL_NAME too (and the other way round)']);
  }
  if (e.HEALTH_CHECKER_ENABLED && !e.CONSUL_HTTP_ADDR) {
    throw new ConfigError(['HEALTH_CHECKER_ENABLED: the health checker needs CONSUL_HTTP_ADDR']);
  }
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT, maxRequestBytes: e.MAX_REQUEST_BYTES, maxUploadBytes: e.MAX_UPLOAD_BYTES },
    jwtSecret: e.JWT_SECRET_KEY,
    sandbox: e.GRAPHQL_SANDBOX ?? e.NODE_ENV !== 'production',
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== 'production',
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxBatch: e.GRAPHQL_MAX_BATCH,
      apq: e.GRAPHQL_APQ,
      planCacheSize: e.GRAPHQL_PLAN_CACHE_SIZE,
      compileAfter: e.GRAPHQL_COMPILE_AFTER,
      safelistFile: e.GRAPHQL_SAFELIST ? e.GRAPHQL_SAFELIST_FILE : undefined,
    },
    cors: { origins: e.CORS_ORIGINS },
    consul: e.CONSUL_HTTP_ADDR
      ? {
          address: e.CONSUL_HTTP_ADDR,
          token: e.CONSUL_HTTP_TOKEN,
          watchWait: e.CONSUL_WATCH_WAIT,
          indexHeader: e.CONSUL_INDEX_HEADER,
        }
      : undefined,
    redis: redisTargetOf(e),
    cache: {
      enabled: e.CACHE_ENABLED,
      defaultTtlMs: e.CACHE_DEFAULT_TTL_SECONDS * 1000,
      timetableTtlMs: e.CACHE_TIMETABLE_TTL_SECONDS * 1000,
      maxStalenessMs: e.CACHE_MAX_STALENESS_SECONDS * 1000,
      memoryMaxEntries: e.CACHE_MEMORY_MAX_ENTRIES,
      redisTimeoutMs: e.CACHE_REDIS_TIMEOUT_MS,
    },
    traffic: {
      serviceRps: {
        auth: e.RATE_LIMIT_AUTH_RPS,
        club: e.RATE_LIMIT_CLUB_RPS,
        outing: e.RATE_LIMIT_OUTING_RPS,
        schedule: e.RATE_LIMIT_SCHEDULE_RPS,
        announcement: e.RATE_LIMIT_ANNOUNCEMENT_RPS,
      },
      fieldLimits: e.RATE_LIMIT_DIRECTIVES,
      flood: {
        threshold: e.FLOOD_THRESHOLD,
        blockMs: Math.round(e.FLOOD_BLOCK_SECONDS * 1000),
        // A developer's own tools (explorers, audits, scripts) talk from loopback at machine speed; in
        // production loopback is a sidecar or a proxy like any other address.
        allowlist: e.FLOOD_ALLOWLIST ?? (e.NODE_ENV === 'development' ? DEVELOPMENT_FLOOD_ALLOWLIST : []),
      },
      trustedProxies: e.TRUSTED_PROXIES,
    },
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    breaker: {
      errorThreshold: e.BREAKER_ERROR_THRESHOLD,
      successThreshold: e.BREAKER_SUCCESS_THRESHOLD,
      openMs: e.BREAKER_OPEN_MS,
    },
    upstreams: {
      auth: e.UPSTREAM_AUTH_ADDRS,
      club: e.UPSTREAM_CLUB_ADDRS,
      outing: e.UPSTREAM_OUTING_ADDRS,
      schedule: e.UPSTREAM_SCHEDULE_ADDRS,
      announcement: e.UPSTREAM_ANNOUNCEMENT_ADDRS,
    },
    referenceServices: {
      host: e.REFERENCE_SERVICES_HOST,
      advertiseHost: e.REFERENCE_SERVICES_ADVERTISE_HOST ?? e.REFERENCE_SERVICES_HOST,
      ports: {
        auth: e.REFERENCE_AUTH_PORT,
        club: e.REFERENCE_CLUB_PORT,
        outing: e.REFERENCE_OUTING_PORT,
        schedule: e.REFERENCE_SCHEDULE_PORT,
        announcement: e.REFERENCE_ANNOUNCEMENT_PORT,
      },
      demoData: e.REFERENCE_SERVICES_DEMO_DATA,
      checkTtlSeconds: e.REFERENCE_SERVICES_CHECK_TTL_SECONDS,
    },
    healthChecker: {
      enabled: e.HEALTH_CHECKER_ENABLED,
      port: e.HEALTH_CHECKER_PORT,
      intervalMs: e.HEALTH_CHECK_INTERVAL_MS,
      timeoutMs: e.HEALTH_CHECK_TIMEOUT_MS,
      failuresBeforeCritical: e.HEALTH_CHECK_FAILURES_BEFORE_CRITICAL,
      deregisterAfterMs: e.HEALTH_CHECK_DEREGISTER_AFTER_MS,
      historySize: e.HEALTH_CHECK_HISTORY_SIZE,
      alertWebhook: e.HEALTH_CHECK_ALERT_WEBHOOK,
    },
    telemetry: {
      serviceName: e.OTEL_SERVICE_NAME,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
      sampleRatio: e.OTEL_TRACES_SAMPLER_ARG,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    subscriptions: e.SUBSCRIPTIONS_ENABLED
      ? {
          maxConnections: e.SUBSCRIPTIONS_MAX_SOCKETS,
          maxConnectionsPerUser: e.SUBSCRIPTIONS_MAX_SOCKETS_PER_USER,
          maxPerConnection: e.SUBSCRIPTIONS_MAX_PER_SOCKET,
          maxPerUser: e.SUBSCRIPTIONS_MAX_PER_USER,
          maxBufferedBytes: e.SUBSCRIPTIONS_MAX_BUFFERED_BYTES,
          heartbeatMs: e.SUBSCRIPTIONS_HEARTBEAT_MS,
        }
      : undefined,
    requestSecurity:
      e.REQUEST_SECURITY_PASSPHRASE && e.REQUEST_SECURITY_BASE_PLAIN
        ? {
            passphrase: e.REQUEST_SECURITY_PASSPHRASE,
            basePlain: e.REQUEST_SECURITY_BASE_PLAIN,
            maxAgeMs: e.REQUEST_SECURITY_MAX_AGE_SECONDS * 1000,
            memoryMaxEntries: e.REQUEST_SECURITY_MEMORY_MAX_ENTRIES,
          }
        : undefined,
    naverSearch: e.NAVER_SEARCH_ENABLED
      ? {
          url: e.NAVER_SEARCH_URL,
          timeoutMs: e.NAVER_SEARCH_TIMEOUT_MS,
          credentials:
            e.NAVER_CLIENT_ID && e.NAVER_CLIENT_SECRET
              ? { clientId: e.NAVER_CLIENT_ID, clientSecret: e.NAVER_CLIENT_SECRET }
              : undefined,
        }
      : undefined,
  };
}
