import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createRedisClient, type RedisClient } from '../cache/redis-client';
import type { RedisTarget } from '../core/config';
import type { Logger } from '../core/logger';
import type { RequestGuard } from '../http/http-server';
import { sendJson } from '../http/send-json';
import { decryptAes256 } from './aes-everywhere';
import { createMemoryUsedValues, createRedisUsedValues, type UsedSecurityValues } from './used-security-values';

/** The plaintext that skips the check and may be reused (legacy: a back door the apps' builds relied on). */
export const MASTER_KEY_PLAINTEXT = 'temporary_master_key';

/**
 * Paths the filter never checks: the legacy infrastructure routes (legacy-api.md §1.1, exempt in the legacy
 * gateway too) and this gateway's own endpoints. The header belongs to the legacy apps' proxy, so GraphQL
 * clients, probes and scrapers — which never went through that proxy — are not asked for it.
 */
export const REQUEST_SECURITY_EXEMPT_PATHS: ReadonlySet<string> = new Set([
  '/ping',
  '/events/types/consul-change',
  '/graphql',
  '/healthz',
  '/readyz',
  '/metrics',
  '/health/instances',
  '/graphiql',
]);
/** The offline explorer's scripts, styles and fonts (under `/graphiql`, exempt like the page). */
const EXEMPT_PREFIX = '/graphiql/assets/';

/** The legacy filter's answer: `{status, message}` with no `code` (it ran before the envelope writer). */
const REJECTION = { status: 407, message: 'please send the request through the proxy' };
/** Longer values are refused unread: a real one is ~64 base64 characters. */
const MAX_HEADER_LENGTH = 4096;

export interface RequestSecurityOptions {
  passphrase: string;
  /** The text before `:<unix seconds>` in every plaintext (legacy SECURITY_BASE_PLAIN). */
  basePlain: string;
  /** How far (either way) a value's time may be from now; a used value is remembered this long past its time. */
  maxAgeMs: number;
  /** Bound of the in-memory store (without Redis, or while Redis is down). */
  memoryMaxEntries: number;
  /** Shared store of used values across replicas; unset = in memory. */
  redis?: RedisTarget | undefined;
  /** A connected client to use instead of `redis` (tests); its owner closes it. */
  redisClient?: RedisClient;
  logger: Logger;
  instrumentRedis?: (client: RedisClient) => void;
  /** Namespace of the Redis keys (tests). @default "request-security:used:" */
  redisPrefix?: string;
  /** Injectable clock, in ms (tests). */
  now?: () => number;
}

export interface RequestSecurity {
  /** For `http.guard(...)`, after CORS (a preflight never carries the header). */
  guard: RequestGuard;
  close(): Promise<void>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path without query string or trailing slash (the router ignores trailing slashes too). */
function isExempt(path: string): boolean {
  return REQUEST_SECURITY_EXEMPT_PATHS.has(path) || path.startsWith(EXEMPT_PREFIX);
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  const path = query === -1 ? raw : raw.slice(0, query);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The legacy `Request-Security` filter (legacy-api.md §0.4), on only when a passphrase is configured: each legacy
 * request carries an aes-everywhere ciphertext of `<base>:<10-digit unix time>` that works once. Unlike the
 * legacy filter, a value's time must be within `maxAgeMs` of now, which lets used values be forgotten once they
 * could no longer be replayed (the legacy maps grew without bound), and values that fail are not blacklisted
 * (decrypting one costs about as much as looking it up; the flood guard meets floods).
 */
export function createRequestSecurity(options: RequestSecurityOptions): RequestSecurity {
  const { passphrase, maxAgeMs, logger } = options;
  const now = options.now ?? Date.now;
  const log = logger.child({ component: 'request-security' });
  const pattern = new RegExp(`^${escapeRegExp(options.basePlain)}:(\\d{10})`);
  const memory = createMemoryUsedValues({ maxEntries: options.memoryMaxEntries, logger: log });
  // Owned here only when made here from the URL.
  const owned = options.redisClient
    ? undefined
    : options.redis
      ? createRedisClient(options.redis, log, {
          commandTimeoutMs: 250,
          ...(options.instrumentRedis ? { instrument: options.instrumentRedis } : {}),
        })
      : undefined;
  const redis = options.redisClient ?? owned;
  const used: UsedSecurityValues = redis ? createRedisUsedValues(redis, memory, log, options.redisPrefix) : memory;

  // The legacy filter's own answer, bit for bit (`{status, message}`, no `code`: it ran before the envelope
  // writer); the filter only ever sees legacy paths and unknown ones, so it answers for itself.
  const reject = (res: ServerResponse, reason: string, requestId: string): true => {
    log.debug({ requestId, reason }, 'request-security rejected');
    sendJson(res, REJECTION.status, REJECTION);
    return true;
  };

  const guard: RequestGuard = async ({ req, res, requestId }) => {
    // Browsers send no custom header on a preflight; CORS answered it before this guard anyway.
    if (req.method === 'OPTIONS' || isExempt(pathOf(req.url))) return false;
    const header = req.headers['request-security'];
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) return reject(res, 'missing', requestId);
    if (value.length > MAX_HEADER_LENGTH) return reject(res, 'too long', requestId);
    const plaintext = decryptAes256(value, passphrase);
    if (plaintext === undefined) return reject(res, 'undecryptable', requestId);
    if (plaintext === MASTER_KEY_PLAINTEXT) return false;
    const match = pattern.exec(plaintext);
    if (!match) return reject(res, 'unexpected plaintext', requestId);
    const sentAtMs = Number(match[1]) * 1000;
    const t = now();
    if (Math.abs(t - sentAtMs) > maxAgeMs) return reject(res, 'stale', requestId);
    // Remember the value until its time leaves the window (plus the second the time was truncated to).
    const ttlMs = sentAtMs + maxAgeMs + 1000 - t;
    const id = createHash('sha256').update(value).digest('base64url').slice(0, 22);
    if (!(await used.claim(id, ttlMs))) return reject(res, 'replayed', requestId);
    return false;
  };

  return {
    guard,
    async close() {
      await used.close();
      owned?.disconnect();
    },
  };
}
