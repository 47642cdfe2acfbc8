import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HeaderMap } from '@apollo/server';

/** The parts of Apollo's request context its gateway context is made from. */
interface ApolloRequestContext {
  request: {
    query?: string;
    operationName?: string | null;
    variables?: Record<string, unknown>;
    extensions?: Record<string, unknown>;
    http?: { method: string; search: string; headers: HeaderMap };
  };
  response: { http: { headers: HeaderMap; status?: number } };
  schema: unknown;
  contextValue: unknown;
  queryHash: unknown;
  document: unknown;
  source: unknown;
  operationName: unknown;
  operation: unknown;
  errors: unknown;
  metrics: unknown;
  overallCachePolicy: unknown;
  requestIsBatched: unknown;
}

type MakeContext = (
  context: ApolloRequestContext,
  server: { logger: unknown; cache: unknown },
  internals: { includeStacktraceInErrorResponses?: boolean },
) => Record<string, unknown>;

/** `response.http` of a gateway request context: the status read and written through to Apollo's response. */
class GatewayResponseHttp {
  constructor(
    private readonly http: { status?: number },
    readonly headers: unknown,
  ) {}
  get status(): number | undefined {
    return this.http.status;
  }
  set status(status: number | undefined) {
    this.http.status = status;
  }
}

let installed: boolean | undefined;

/**
 * Apollo Server 5 hands a gateway executor (`plan-gateway.ts`) a request context made per request by its
 * `makeGatewayGraphQLRequestContext`, whose `response.http` is an object literal with its own `get status()` and
 * `set status()`. V8 gives each such object a hidden class of its own, and hidden classes live in the old
 * generation: each one keeps its accessor closures, and through them the whole request, reachable at every young
 * collection until the next full one. Under load every GraphQL request was promoted that way (≈ 1 MB kept per
 * scavenge and three full collections a second for `{ __typename }`, 5× what Apollo keeps without a gateway; a
 * loop making only such literals: 536 bytes → 5.6 MB kept per scavenge). This replaces that one function with the
 * same context whose `status` accessors live on a class prototype. Apollo's module is CommonJS and calls the
 * function through its exports object, so replacing the export is enough; `installed` says whether it took (a
 * future Apollo that moves or renames the module leaves its own function in place, which is only slower).
 *
 * Replaces Apollo's gateway request context maker, once per process; true when it took.
 */
export function installGatewayRequestContext(): boolean {
  if (installed !== undefined) return installed;
  const require = createRequire(__filename);
  const path = join(dirname(require.resolve('@apollo/server')), 'utils', 'makeGatewayGraphQLRequestContext.js');
  let apolloModule: { makeGatewayGraphQLRequestContext?: MakeContext };
  try {
    apolloModule = require(path) as typeof apolloModule;
  } catch {
    return (installed = false);
  }
  const original = apolloModule.makeGatewayGraphQLRequestContext;
  if (typeof original !== 'function') return (installed = false);
  // Apollo's own headers adapter (a Fetch-style view of its HeaderMap), taken from one context it makes.
  const FetcherHeaders = (
    original(
      { request: {}, response: { http: { headers: new HeaderMap() } } } as ApolloRequestContext,
      { logger: undefined, cache: undefined },
      {},
    ) as { response: { http: { headers: object } } }
  ).response.http.headers.constructor as new (map: HeaderMap) => unknown;
  apolloModule.makeGatewayGraphQLRequestContext = (context, server, internals) =>
    gatewayRequestContext(context, server, internals, FetcherHeaders);
  return (installed = true);
}

/** What Apollo's `makeGatewayGraphQLRequestContext` makes, field for field, with `response.http` a class instance. */
export function gatewayRequestContext(
  context: ApolloRequestContext,
  server: { logger: unknown; cache: unknown },
  internals: { includeStacktraceInErrorResponses?: boolean },
  FetcherHeaders: new (map: HeaderMap) => unknown,
): Record<string, unknown> {
  const from = context.request;
  const request: Record<string, unknown> = {};
  if ('query' in from) request.query = from.query;
  if ('operationName' in from) request.operationName = from.operationName;
  if ('variables' in from) request.variables = from.variables;
  if ('extensions' in from) request.extensions = from.extensions;
  if (from.http) {
    const needQuestion = from.http.search !== '' && !from.http.search.startsWith('?');
    request.http = {
      method: from.http.method,
      url: `https://unknown-url.invalid/${needQuestion ? '?' : ''}${from.http.search}`,
      headers: new FetcherHeaders(from.http.headers),
    };
  }
  const { http } = context.response;
  return {
    request,
    response: { http: new GatewayResponseHttp(http, new FetcherHeaders(http.headers)) },
    logger: server.logger,
    schema: context.schema,
    schemaHash: 'schemaHash no longer exists since Apollo Server 4',
    context: context.contextValue,
    cache: server.cache,
    queryHash: context.queryHash,
    document: context.document,
    source: context.source,
    operationName: context.operationName,
    operation: context.operation,
    errors: context.errors,
    metrics: context.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: context.overallCachePolicy,
    requestIsBatched: context.requestIsBatched,
  };
}
