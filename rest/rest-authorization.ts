import type { GraphQLResolveInfo } from 'graphql';
import type { AccessTokens, Caller } from '../core/access-tokens';
import { ErrorCode } from '../core/error-codes';
import { GatewayError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { CallDeps } from '../grpc-clients/call';
import { createLoaders } from '../grpc-clients/loaders';
import { createServiceClients } from '../grpc-clients/service-clients';
import { ruleOf, shieldOptions } from '../permissions/rule-tree';
import { denialFor } from '../permissions/rules';
import type { GraphQLContext } from '../src/context';
import type { Envelope } from './envelope';
import type { RestGuard, RestGuardRequest } from './rest-guards';
import { routePermissionOf, type DenialStyle, type RouteField } from './route-permissions';

/**
 * Errors of a rule's own look-up that are the service's business answer (an unknown recruitment or outing, a
 * malformed id): the handler makes its call and passes the service's legacy envelope through, as the legacy
 * gateway did. Anything else (unavailable, timeout, rate limited) answers like any upstream failure.
 */
const SERVICE_ANSWERS = new Set<ErrorCode>([ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT]);

/** A refusal as the legacy service answered it on this route (route-permissions.ts `DenialStyle`). */
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

/** What a rule may read of `info` for a field checked outside an operation: its name, type and a one-step path. */
function infoOf(coordinate: string): GraphQLResolveInfo {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  return {
    fieldName,
    parentType: { name: typeName },
    path: { prev: undefined, key: fieldName, typename: typeName },
    fieldNodes: [],
    variableValues: {},
  } as unknown as GraphQLResolveInfo;
}

export interface RestAuthorizerOptions {
  deps: CallDeps;
  tokens: AccessTokens;
  logger: Logger;
}

/** The caller a route's rule is evaluated for: the token's on JWT routes and route 53's token actions, else none. */
function callerOf(request: RestGuardRequest, tokens: AccessTokens, needsToken: boolean): Caller | undefined {
  const { route, context } = request;
  if (route.auth === 'jwt') return context.caller;
  // Throws the legacy 401 (−101…−106) exactly as route 53's handler would, before anything is called.
  return needsToken ? tokens.fromAuthorizationHeader(context.authorization) : undefined;
}

/**
 * The GraphQL rules in front of the legacy routes: each route's GraphQL field (`route-permissions.ts`) is
 * judged by its rule from `permissions/` with the REST caller (anonymous routes: the rule for an anonymous
 * caller) before the handler binds its upstream call. A refusal answers in the legacy envelope with the status
 * and code the legacy service gave (`denialEnvelope`), and the guarded call is never made: role rules call
 * nothing, ownership rules make only their look-up (the caller's club, a recruitment's club, an outing's owner).
 */
export function createRestAuthorizer(options: RestAuthorizerOptions): RestGuard {
  const { deps, tokens, logger } = options;
  return async (request) => {
    const permission = routePermissionOf(request.route.id);
    if (!permission || permission.skipRule) return undefined;
    const field: RouteField | undefined = permission.field(request.context);
    if (!field) return undefined; // route 53's unknown action: the handler answers 404
    const caller = callerOf(request, tokens, permission.needsToken?.(request.context) ?? false);
    const clients = createServiceClients(deps, { ...request.call, callerUuid: caller?.uuid ?? '' });
    const context: GraphQLContext & { _shield: { cache: Record<string, unknown> } } = {
      requestId: request.context.requestId,
      caller,
      clients,
      loaders: createLoaders(clients),
      tokens,
      logger,
      ip: request.ip,
      _shield: { cache: {} },
    };
    const rule = ruleOf(...(field.coordinate.split('.') as [string, string]));
    const result = await rule.resolve(
      field.parent ?? {},
      field.args,
      context as never,
      infoOf(field.coordinate),
      shieldOptions,
    );
    if (result === true) return undefined;
    const error = result instanceof Error ? result : denialFor(context);
    if (!(error instanceof GatewayError)) throw error;
    if (error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.UNAUTHENTICATED) {
      return denialEnvelope(permission.denial, error);
    }
    if (SERVICE_ANSWERS.has(error.code)) return undefined;
    throw error;
  };
}
