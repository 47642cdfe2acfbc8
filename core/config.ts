import { z } from 'zod';

/**
 * Every setting of the gateway and the reference services, parsed once from an env object at the edge
 * (`src/main.ts`, `reference-services/main.ts`). Each one is listed with its default in the README.
 */

const port = z.coerce.number().int().min(0).max(65535);
const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const addressList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port')));

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
  /** Serve the Apollo Sandbox landing page at GET /graphql even in production. @default true unless production */
  GRAPHQL_SANDBOX: boolean.optional(),
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
  /** Redis for the response cache, rate limits and IP blocks, shared by all replicas; unset = in-memory. @default unset */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected redis://host:port/db')
    .optional(),
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
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  http: { host: string; port: number; maxRequestBytes: number; maxUploadBytes: number };
  /** `undefined` secret means "use the development secret" (refused in production). */
  jwtSecret: string | undefined;
  sandbox: boolean;
  consul: { address: string; token: string | undefined; watchWait: string; indexHeader: string } | undefined;
  /** `undefined` means in-memory cache and limits (the embedded default). */
  redisUrl: string | undefined;
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
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT, maxRequestBytes: e.MAX_REQUEST_BYTES, maxUploadBytes: e.MAX_UPLOAD_BYTES },
    jwtSecret: e.JWT_SECRET_KEY,
    sandbox: e.GRAPHQL_SANDBOX ?? e.NODE_ENV !== 'production',
    consul: e.CONSUL_HTTP_ADDR
      ? {
          address: e.CONSUL_HTTP_ADDR,
          token: e.CONSUL_HTTP_TOKEN,
          watchWait: e.CONSUL_WATCH_WAIT,
          indexHeader: e.CONSUL_INDEX_HEADER,
        }
      : undefined,
    redisUrl: e.REDIS_URL,
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
  };
}
