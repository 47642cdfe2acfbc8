import type { ServiceName } from '../core/config';
import { RateLimitedError } from '../core/errors';
import { retryAfterSeconds, type HitOptions, type HitResult, type TrafficEvents } from './window-counters';

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

/** The refusal of an upstream call (429 RATE_LIMITED), or undefined to let it go. Synchronous: no await per call. */
export type UpstreamAdmission = (service: ServiceName, caller: CallerIdentity) => RateLimitedError | undefined;

/** Counters that answer at once (in process, reconciled with Redis in the background). */
export interface AdmissionCounters {
  hit(key: string, options: HitOptions): HitResult;
}

export interface ServiceLimits {
  /** Calls per second one caller may make to each service; 0 = unlimited. */
  perCaller: Readonly<Record<ServiceName, number>>;
  /** Calls per second each service accepts from everyone together, across replicas; 0 = no cap. */
  capacity: Readonly<Record<ServiceName, number>>;
}

const WINDOW_MS = 1000;

/**
 * The per-service limits, checked where every upstream call starts (`callUpstream`), before an instance is
 * picked: a refused call reaches no service, on either front door. First the caller's own limit (calls with no
 * known caller, such as the consul-change route's fan-out, have none), then the service's capacity, so a caller
 * over its own limit takes nothing from everyone else's share. Cache hits never get here, so they cost nothing
 * against either. Both answer from in-process counters reconciled with Redis (`reconciled-counters.ts`).
 */
export function createServiceAdmission(
  counters: AdmissionCounters,
  limits: ServiceLimits,
  events: TrafficEvents = {},
): UpstreamAdmission {
  const refuse = (limiter: string, message: string, result: HitResult, details: Record<string, unknown>) => {
    events.rateLimited?.(limiter);
    return new RateLimitedError(message, retryAfterSeconds(result.allowed ? 0 : result.retryAfterMs), { details });
  };
  return (service, caller) => {
    const perCaller = limits.perCaller[service];
    if (perCaller) {
      const key = callerKeyOf(caller);
      if (key !== undefined) {
        const result = counters.hit(`service:${service}:${key}`, { limit: perCaller, windowMs: WINDOW_MS });
        if (!result.allowed)
          return refuse(`service:${service}`, `too many ${service} calls: at most ${perCaller} per second`, result, {
            service,
          });
      }
    }
    const capacity = limits.capacity[service];
    if (capacity) {
      const result = counters.hit(`capacity:${service}`, { limit: capacity, windowMs: WINDOW_MS });
      if (!result.allowed)
        return refuse(
          `capacity:${service}`,
          `the ${service} service is at capacity: at most ${capacity} calls per second`,
          result,
          // Not the caller's doing: the service as a whole is at its cap.
          { service, reason: 'CAPACITY' },
        );
    }
    return undefined;
  };
}
