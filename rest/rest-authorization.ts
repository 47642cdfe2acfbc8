import type { AccessTokens, Caller } from '../core/access-tokens';
import { ErrorCode } from '../core/error-codes';
import { GatewayError } from '../core/errors';
import type { CallDeps } from '../grpc-clients/call';
import { createLoaders } from '../grpc-clients/loaders';
import { createServiceClients } from '../grpc-clients/service-clients';
import { authorizeField } from '../permissions/authorize-field';
import type { RuleContext } from '../permissions/rule-definitions';
import type { Envelope } from './envelope';
import type { RestGuard, RestGuardRequest } from './rest-guards';
import type { DenialStyle } from './route-graphql';

/**
 * Errors of a rule's own look-up that are the service's business answer (an unknown recruitment or outing, a
 * malformed id): the handler makes its call and passes the service's legacy envelope through, as the legacy
 * gateway did. Anything else (unavailable, timeout, rate limited) answers like any upstream failure.
 */
const SERVICE_ANSWERS = new Set<ErrorCode>([ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT]);

/** A refusal as the legacy service answered it on this route (the route's `graphql.denial`). */
export function denialEnvelope(style: DenialStyle, error: GatewayError): Envelope {
  if (error.code === ErrorCode.UNAUTHENTICATED) {
    return { status: 401, code: error.legacyCode ?? 0, message: error.message };
  }
  switch (style) {
    case 'outing':
      return { status: 403, code: -2601, message: 'Unauthorized' };
    case 'announcement':
      return { status: 403, code: -1000, message: 'UnAuthorized' };
    case 'schedule':
      // The schedule service answered role refusals with 401 "UnAuthorized" (legacy-api.md §1.8), not 403.
      return { status: 401, code: 0, message: 'UnAuthorized' };
    case 'club':
      return { status: 403, code: error.legacyCode ?? 0, message: `forbidden (reason: ${error.message})` };
    case 'auth':
      return { status: 403, code: 0, message: `forbidden (reason: ${error.message})` };
  }
}

export interface RestAuthorizerOptions {
  deps: CallDeps;
  tokens: AccessTokens;
}

/** The caller a route's rule is evaluated for: the token's on JWT routes and route 53's token actions, else none. */
function callerOf(request: RestGuardRequest, tokens: AccessTokens, needsToken: boolean): Caller | undefined {
  const { route, context } = request;
  if (route.auth === 'jwt') return context.caller;
  // Throws the legacy 401 (−101…−106) exactly as route 53's handler would, before anything is called.
  return needsToken ? tokens.fromAuthorizationHeader(context.authorization) : undefined;
}

/** The rule's view of the request; clients and loaders are built only for a rule that looks something up. */
function ruleContextOf(deps: CallDeps, request: RestGuardRequest, caller: Caller | undefined): RuleContext {
  let clients: RuleContext['clients'] | undefined;
  let loaders: RuleContext['loaders'] | undefined;
  return {
    caller,
    get clients() {
      return (clients ??= createServiceClients(deps, { ...request.call, callerUuid: caller?.uuid ?? '' }));
    },
    get loaders() {
      return (loaders ??= createLoaders(this.clients));
    },
  };
}

/**
 * The GraphQL rules in front of the legacy routes: each route's GraphQL field (its record's `graphql`) is
 * judged through the one authorization entry point (`permissions/authorize-field.ts`) with the REST caller
 * (anonymous routes: the rule for an anonymous caller) before the handler binds its upstream call. A refusal answers in the legacy envelope with the status
 * and code the legacy service gave (`denialEnvelope`), and the guarded call is never made: role rules call
 * nothing, ownership rules make only their look-up (the caller's club, a recruitment's club, an outing's owner).
 */
export function createRestAuthorizer(options: RestAuthorizerOptions): RestGuard {
  const { deps, tokens } = options;
  return async (request) => {
    const graphql = request.route.graphql;
    if (!graphql || graphql.skipRule) return undefined;
    const field = graphql.field(request.context);
    if (!field) return undefined; // route 53's unknown action: the handler answers 404
    const caller = callerOf(request, tokens, graphql.needsToken?.(request.context) ?? false);
    const context = ruleContextOf(deps, request, caller);
    const error = await authorizeField(field.coordinate, field.args, context, { parent: field.parent });
    if (error === true) return undefined;
    if (error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.UNAUTHENTICATED) {
      return denialEnvelope(graphql.denial, error);
    }
    if (SERVICE_ANSWERS.has(error.code)) return undefined;
    throw error;
  };
}
