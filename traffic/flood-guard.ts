import { IpBlockedError, RateLimitedError, type GatewayError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { AddressMatcher } from '../http/client-ip';
import type { IpBlocks } from './ip-blocks';
import { retryAfterSeconds, type HitResult, type HitOptions, type TrafficEvents } from './window-counters';

export interface FloodGuardOptions {
  /** Requests one address may send in any second; more trips the guard. 0 turns the guard off. */
  threshold: number;
  /** How long a tripped address is refused, in ms. */
  blockMs: number;
  /** Addresses never counted or blocked (health checkers, the load balancer's probes). */
  allowlist: AddressMatcher;
  /** Counts per replica (in-process): a flood is cut off where it lands, and counting costs no round trip. */
  counters: { hit(key: string, options: HitOptions): HitResult };
  /** Shared blocks: a block made by one replica is honoured by all of them. */
  blocks: IpBlocks;
  logger: Logger;
  events?: TrafficEvents;
}

const WINDOW_MS = 1000;

/**
 * The guard as the HTTP server runs it (an `http/` RequestGuard): the request's client address (resolved once by
 * the server) → its refusal, or false to let it on.
 */
export type FloodGuard = (request: { clientIp: string }) => GatewayError | false;

/**
 * The flood guard, run by the HTTP server before routing, body parsing or token checks: an address over the
 * threshold in a sliding second gets 429 for that request and is then blocked for the block period, every
 * request answered 403 IP_BLOCKED without being read. Synchronous: counting is in-process and the blocks are
 * mirrored locally, so a request pays no await here. Returns the refusal (answered by the matched route's
 * responder, in its front door's shape) or false to let the request on; there is no guard when the threshold is 0.
 */
export function createFloodGuard(options: FloodGuardOptions): FloodGuard | undefined {
  const { threshold, blockMs, allowlist, counters, blocks, logger, events = {} } = options;
  if (threshold <= 0) return undefined;

  return ({ clientIp: ip }) => {
    // An empty allowlist (the default) costs no look-up.
    if (!allowlist.empty && allowlist.has(ip)) return false;
    const blockedMs = blocks.blockedFor(ip);
    if (blockedMs > 0) {
      events.blockedIpRejected?.();
      return new IpBlockedError('too many requests from this address: blocked for now', retryAfterSeconds(blockedMs));
    }
    if (counters.hit(`flood:${ip}`, { limit: threshold, windowMs: WINDOW_MS }).allowed) return false;
    blocks.block(ip, blockMs);
    events.ipBlocked?.();
    events.rateLimited?.('flood');
    logger.warn({ ip, threshold, blockMs }, 'flood guard tripped: address blocked');
    return new RateLimitedError('too many requests from this address', retryAfterSeconds(blockMs));
  };
}
