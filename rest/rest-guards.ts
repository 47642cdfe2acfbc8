import type { ClientContext } from '../grpc-clients/service-clients';
import type { Envelope } from './envelope';
import type { RestContext, RestRoute } from './rest-route';

/** What a guard sees of one REST request, after binding and validation and before the handler. */
export interface RestGuardRequest {
  route: RestRoute;
  context: RestContext;
  /** The client address (X-Forwarded-For only from TRUSTED_PROXIES), for IP-keyed limits. */
  ip: string;
  /** The request's upstream call context (request id, trace, deadline, address), for calls a guard makes. */
  call: ClientContext;
}

/**
 * A check between validation and the handler (authorization, `@rateLimit` budgets). An envelope answers the
 * request instead of the handler, so no guarded call is made; a thrown GatewayError answers as any upstream
 * failure does; undefined lets the request on.
 */
export type RestGuard = (request: RestGuardRequest) => Promise<Envelope | undefined>;
