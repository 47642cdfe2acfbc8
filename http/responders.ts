import type { ServerResponse } from 'node:http';
import type { PublicError } from '../core/public-errors';
import { sendJson } from './send-json';

/**
 * How one family of routes answers a request-level error (a refusal before the handler, a failure in it): the
 * error is already reduced to what a client may see (`publicErrorOf`). Each route family owns one, so a legacy
 * client never gets a GraphQL body and the other way round, whichever stage refused the request.
 */
export type Responder = (res: ServerResponse, error: PublicError) => void;

function retryAfterHeader(error: PublicError): Record<string, string> | undefined {
  return error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) };
}

/** `/graphql`: a GraphQL response with one error and no data, at the error's HTTP status. */
export const graphqlResponder: Responder = (res, error) =>
  sendJson(
    res,
    error.status,
    { errors: [{ message: error.message, extensions: error.extensions }] },
    retryAfterHeader(error),
  );

/**
 * The legacy envelope `{status, code, message}` with the legacy code (or 0): the v1 REST routes, the legacy
 * infrastructure routes, unknown paths (the legacy gateway's clients are the ones that call them) and the
 * gateway's own JSON endpoints.
 */
export const envelopeResponder: Responder = (res, error) =>
  sendJson(
    res,
    error.status,
    { status: error.status, code: error.legacyCode ?? 0, message: error.message },
    retryAfterHeader(error),
  );
