import { ErrorCode } from './error-codes';
import { isGatewayError, MASKED_ERROR_MESSAGE } from './errors';

/**
 * What a client may learn of an error, decided in this one place for both front doors (the GraphQL error
 * formatter and every HTTP responder). The facts behind it go to the request's log line, never to the client.
 */
export interface PublicError {
  status: number;
  code: ErrorCode;
  message: string;
  /** The legacy negative code, where one exists (REST's envelope `code`, GraphQL's `extensions.legacyCode`). */
  legacyCode: number | undefined;
  retryAfterSeconds: number | undefined;
  /** GraphQL `extensions`: the code, the legacy code and the details a client may see. */
  extensions: Record<string, unknown>;
}

export interface ErrorExposure {
  /**
   * Add the upstream facts (service, rpc, gRPC code, upstream status) to `extensions`: for developers, never in
   * production, where they map the system behind the gateway for anyone who asks.
   */
  upstreamFacts: boolean;
}

/** Facts about the services behind the gateway: shown only outside production. */
const UPSTREAM_FACTS = new Set(['service', 'rpc', 'grpcCode', 'upstreamStatus']);
/**
 * Never shown: an instance id is an address in static discovery, and a cause may quote a socket error. Every other
 * detail key (`reason`, `retryAfter`, `fields`, `field`, `maxBatch`, …) was written for the client.
 */
const NEVER_SHOWN = new Set(['instance', 'address', 'cause']);

/**
 * The client's view of any error. A gateway error keeps its code, message and legacy code, except
 * INTERNAL_SERVER_ERROR (a transport failure or a bug), whose message may quote addresses and system errors: it
 * becomes "Unexpected error.". Anything that is not a gateway error is masked the same way.
 */
export function publicErrorOf(error: unknown, exposure: ErrorExposure): PublicError {
  if (!isGatewayError(error)) {
    return {
      status: 500,
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: MASKED_ERROR_MESSAGE,
      legacyCode: undefined,
      retryAfterSeconds: undefined,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  const masked = error.code === ErrorCode.INTERNAL_SERVER_ERROR;
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.legacyCode !== undefined) extensions.legacyCode = error.legacyCode;
  for (const [key, value] of Object.entries(error.details)) {
    if (NEVER_SHOWN.has(key)) continue;
    if (UPSTREAM_FACTS.has(key) && !exposure.upstreamFacts) continue;
    extensions[key] = value;
  }
  return {
    status: error.httpStatus,
    code: error.code,
    message: masked ? MASKED_ERROR_MESSAGE : error.message,
    legacyCode: error.legacyCode,
    retryAfterSeconds: error.retryAfterSeconds,
    extensions,
  };
}
