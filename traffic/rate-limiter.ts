import type { ServiceName } from '../core/config';
import { RateLimitedError } from '../core/errors';
import { retryAfterSeconds, type TrafficEvents, type WindowCounters } from './window-counters';

/** Who a limit counts against: the signed-in user, else the client address. */
export interface CallerIdentity {
  callerUuid: string;
  clientIp?: string | undefined;
}

/** The bucket of a caller: `user:<uuid>` when signed in, else `ip:<address>`; undefined when neither is known. */
export function callerKeyOf({ callerUuid, clientIp }: CallerIdentity): string | undefined {
  if (callerUuid) return `user:${callerUuid}`;
  return clientIp ? `ip:${clientIp}` : undefined;
}

export type UpstreamAdmission = (service: ServiceName, caller: CallerIdentity) => Promise<void>;

const WINDOW_MS = 1000;

/**
 * Per-service limits, checked where every upstream call starts (`callUpstream`), before an instance is
 * picked: a refused call reaches no service. One hit per call, in a sliding second, per caller and service.
 * Calls with no known caller (the consul-change route's fan-out) are not limited. Cache hits never get here,
 * so they cost nothing against the limit.
 */
export function createServiceRateLimiter(
  counters: WindowCounters,
  rps: Readonly<Record<ServiceName, number>>,
  events: TrafficEvents = {},
): UpstreamAdmission {
  return async (service, caller) => {
    const limit = rps[service];
    if (!limit) return;
    const key = callerKeyOf(caller);
    if (key === undefined) return;
    const result = await counters.hit(`service:${service}:${key}`, { limit, windowMs: WINDOW_MS });
    if (result.allowed) return;
    events.rateLimited?.(`service:${service}`);
    throw new RateLimitedError(
      `too many ${service} calls: at most ${limit} per second`,
      retryAfterSeconds(result.retryAfterMs),
      { details: { service } },
    );
  };
}
