import { UnavailableReason } from '../core/error-codes';
import { ServiceUnavailableError } from '../core/errors';
import type { RequestGuard } from './http-server';

export interface LoadSheddingOptions {
  /** The most requests in flight at once; the one over it is refused. */
  maxInFlight: number;
  /** Requests accepted and not yet answered, this one included (the graceful drain counts them on arrival). */
  inFlight: () => number;
  /** Told of each refusal (the `gateway_requests_shed_total` counter). */
  onShed?: () => void;
}

/**
 * What answers for itself under any load: the probes (a busy replica is alive, and `/readyz` is how load
 * balancers see it), the metrics (overload is when they matter most) and the legacy `/ping`. All cost microseconds.
 */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics', '/ping']);

/**
 * Refuses a request that arrives with `maxInFlight` others unanswered: 503 `SHEDDING` with `Retry-After: 1`, in its
 * route's shape, before the token check, the body or the route. Without a bound a replica past its capacity queues
 * every request it cannot serve yet: each waits longer than the last (seconds, in the benchmark's overload runs,
 * `bench/overload.mjs`), holds its memory meanwhile, and many are never answered. Refusing the excess keeps the
 * queue and the memory bounded and tells the client (or the load balancer) to go elsewhere or come back; it does
 * not make a saturated process fast (the refusals cost the event loop too).
 */
export function createLoadShedder({ maxInFlight, inFlight, onShed }: LoadSheddingOptions): RequestGuard {
  return ({ route }) => {
    if (inFlight() <= maxInFlight || (route !== undefined && EXEMPT.has(route))) return false;
    onShed?.();
    return new ServiceUnavailableError(UnavailableReason.SHEDDING, 'the gateway is at capacity, retry shortly', {
      retryAfterSeconds: 1,
    });
  };
}
