import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { CacheTtls } from '../../cache/cache-policy';
import type { ResponseCache } from '../../cache/response-cache';
import { recordWrites } from '../../cache/recorded-writes';
import type { WritePort } from '../../cache/write-port';
import type { PersistedQueryStore } from '../../cache/redis-persisted-queries';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../../core/logger';
import type { ErrorExposure } from '../../core/public-errors';
import type { GraphQLContext } from '../context';
import { createConstraintChecker } from '../../directives/constraint-directive';
import { wrapParentRuleFields } from '../../permissions/parent-rule-fields';
import { readFieldRateLimits } from '../../traffic/field-rate-limits';
import type { RateLimitDeps } from './operation-plan/plan-rate-limits';
import { inferredTypesOf } from './operation-plan/result-entities';
import { createExecutableSchema } from './executable-schema';
import { installOneShotQueryHash } from './apollo-query-hash';
import { createFormatError } from './format-error';
import { createPlanGateway } from './plan-gateway';
import { apolloLimitOptions, type RequestLimits } from './request-limits';
import { sandboxLandingPage } from './sandbox-landing-page';
import { requestHooksPlugin, type RequestHooks } from './request-hooks';
import { subscriptionsOverWebSocketOnly } from './subscriptions-over-http';

export interface ApolloOptions {
  logger: Logger;
  /** The executable schema (shared with the subscription server); a new one by default. */
  schema?: GraphQLSchema;
  /** Serve the Apollo Sandbox landing page at GET /graphql (its offline message links to GET /graphiql). */
  sandbox: boolean;
  /** Subscriptions are served over WebSocket on /graphql: Sandbox is told so. */
  subscriptions?: boolean;
  /** What error answers may show (upstream facts only outside production). */
  exposure: ErrorExposure;
  /** Depth, cost, alias, directive, token and batch limits, introspection, APQ and the safelist. */
  limits: RequestLimits;
  /** Where APQ hashes are registered, shared by every replica; Apollo's in-process LRU when unset. */
  persistedQueries?: PersistedQueryStore;
  /** The stores and counters operations use. */
  execution: ExecutionDeps;
  /** Other features' hooks at Apollo's request events (telemetry), run before the gateway's own refusals. */
  requestHooks?: readonly RequestHooks[];
}

/** What executing operations needs from the gateway's wiring. */
export interface ExecutionDeps {
  /** Counters of the `@rateLimit` directives (traffic/); unset = the directives are not enforced. */
  rateLimits?: RateLimitDeps;
  /** The response cache (cache/); unset = nothing is cached (CACHE_ENABLED=false). */
  responseCache?: ResponseCache;
  /** TTLs of cached reads (the cache's own when there is one). */
  ttls: CacheTtls;
  onPlanLookup?(result: 'hit' | 'miss'): void;
  /** Where every write is reported (invalidation, live updates). */
  writes?: WritePort;
}

/**
 * Apollo Server 5 in front of the gateway's operation plans (`plan-gateway.ts`); started and ready to take
 * requests. The schema's parent-rule fields check their rule as they resolve (`parent-rule-fields.ts`).
 */
export async function startApolloServer(options: ApolloOptions): Promise<ApolloServer<GraphQLContext>> {
  installOneShotQueryHash();
  const schema = wrapParentRuleFields(options.schema ?? createExecutableSchema());
  const limits = apolloLimitOptions(options.limits, options.persistedQueries);
  const { execution } = options;
  const constraints = createConstraintChecker(schema);
  // Each mutation (and query with a side effect) records what it wrote, for the write port.
  recordWrites(schema);
  const gateway = createPlanGateway(schema, {
    planning: {
      schema,
      constraints,
      rateLimits: execution.rateLimits ? readFieldRateLimits(schema) : new Map(),
      ttls: execution.responseCache?.ttls ?? execution.ttls,
      caching: execution.responseCache !== undefined,
      compileAfter: options.limits.compileAfter,
      inferredTypes: inferredTypesOf(schema),
    },
    deps: {
      constraints,
      ...(execution.rateLimits ? { rateLimits: execution.rateLimits } : {}),
      ...(execution.responseCache ? { cache: execution.responseCache } : {}),
      ...(execution.writes ? { writes: execution.writes } : {}),
    },
    maxPlans: options.limits.planCacheSize,
    ...(execution.onPlanLookup ? { onPlanLookup: execution.onPlanLookup } : {}),
  });
  const apollo = new ApolloServer<GraphQLContext>({
    gateway,
    formatError: createFormatError(options.exposure, { hideSuggestions: !options.limits.introspection }),
    includeStacktraceInErrorResponses: false,
    // Variable-coercion errors answer 400 BAD_USER_INPUT: Apollo 5's default. Not set here because Apollo 5 warns
    // on every start when `status400ForVariableCoercionErrors` is set at all, even to its default.
    introspection: limits.introspection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    persistedQueries: limits.persistedQueries,
    // Uploads are multipart (a "simple" request): browsers must send a preflight-forcing header.
    csrfPrevention: true,
    logger: apolloLogger(options.logger),
    // Signals have one owner, `main.ts`: Apollo's own handler (installed unless NODE_ENV=test) stopped the server
    // and re-raised the signal, so a SIGTERM exited at once instead of draining.
    stopOnTerminationSignals: false,
    plugins: [
      options.sandbox
        ? sandboxLandingPage('/graphiql', options.subscriptions ?? false)
        : ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin has nothing to do here: its field hooks never run, since the plans execute
      // the operations (the gateway's own cache policy decides what is cached), and it only set `no-store` on
      // every answer, in a hook Apollo awaited per request; `handleGraphQL` sets that header now.
      ApolloServerPluginCacheControlDisabled(),
      ...limits.plugins,
      // Every feature's request hooks in one plugin (one listener, no per-request promises of their own).
      requestHooksPlugin([...(options.requestHooks ?? []), subscriptionsOverWebSocketOnly]),
    ],
  });
  await apollo.start();
  return apollo;
}

function apolloLogger(logger: Logger) {
  const child = logger.child({ component: 'apollo' });
  return {
    debug: (message: string) => child.debug(message),
    info: (message: string) => child.info(message),
    warn: (message: string) => child.warn(message),
    error: (message: string) => child.error(message),
  };
}
