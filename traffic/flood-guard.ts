import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../core/error-codes';
import type { Logger } from '../core/logger';
import type { AddressMatcher } from './client-ip';
import type { IpBlocks } from './ip-blocks';
import { retryAfterSeconds, type HitResult, type HitOptions, type TrafficEvents } from './window-counters';

export interface FloodGuardOptions {
  /** Requests one address may send in any second; more trips the guard. 0 turns the guard off. */
  threshold: number;
  /** How long a tripped address is refused, in ms. */
  blockMs: number;
  /** Addresses never counted or blocked (health checkers, the load balancer's probes). */
  allowlist: AddressMatcher;
  clientIp: (req: IncomingMessage) => string;
  /** Counts per replica (in-process): a flood is cut off where it lands, and counting costs no round trip. */
  counters: { hit(key: string, options: HitOptions): HitResult };
  /** Shared blocks: a block made by one replica is honoured by all of them. */
  blocks: IpBlocks;
  logger: Logger;
  events?: TrafficEvents;
}

const WINDOW_MS = 1000;

/**
 * The flood guard, run by the HTTP server before routing, body parsing or token checks: an address over the
 * threshold in a sliding second gets 429 for that request and is then blocked for the block period, every
 * request answered 403 IP_BLOCKED without being read. Answers are GraphQL error bodies on /graphql and the
 * legacy `{status, message}` body elsewhere (the legacy DoS detector's shape, legacy-api.md §2.1). Returns true
 * when it answered the request itself.
 */
export function createFloodGuard(options: FloodGuardOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { threshold, blockMs, allowlist, clientIp, counters, blocks, logger, events = {} } = options;
  if (threshold <= 0) return () => false;

  return (req, res) => {
    const ip = clientIp(req);
    if (allowlist.has(ip)) return false;
    const blockedMs = blocks.blockedFor(ip);
    if (blockedMs > 0) {
      events.blockedIpRejected?.();
      refuse(req, res, 403, ErrorCode.IP_BLOCKED, 'too many requests from this address: blocked for now', blockedMs);
      return true;
    }
    if (counters.hit(`flood:${ip}`, { limit: threshold, windowMs: WINDOW_MS }).allowed) return false;
    blocks.block(ip, blockMs);
    events.ipBlocked?.();
    events.rateLimited?.('flood');
    logger.warn({ ip, threshold, blockMs }, 'flood guard tripped: address blocked');
    refuse(req, res, 429, ErrorCode.RATE_LIMITED, 'too many requests from this address', blockMs);
    return true;
  };
}

function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: 403 | 429,
  code: ErrorCode,
  message: string,
  retryMs: number,
): void {
  const retryAfter = retryAfterSeconds(retryMs);
  const isGraphQL = /^\/graphql(?:[/?]|$)/.test(req.url ?? '/');
  const body = JSON.stringify(
    isGraphQL ? { errors: [{ message, extensions: { code, retryAfter } }] } : { status, message },
  );
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(retryAfter),
  });
  res.end(body);
}
