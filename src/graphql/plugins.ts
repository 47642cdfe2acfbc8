import { useEngine, useSchema, type Plugin } from '@envelop/core';
import { execute, parse, specifiedRules, subscribe, validate, type GraphQLSchema } from 'graphql';
import type { ResponseCache } from '../../cache/response-cache';
import { useResponseCache } from '../../cache/use-response-cache';
import { useWrites } from '../../cache/use-writes';
import type { WritePort } from '../../cache/write-port';
import { useInputConstraints } from '../../directives/use-input-constraints';
import { usePermissions } from '../../permissions';
import { useFieldRateLimits, type FieldRateLimitDeps } from '../../traffic/use-field-rate-limits';
import { useOperationSpan } from '../telemetry/graphql-tracing';

/** What the plugins need from the gateway's wiring (stores, counters); each feature adds its own entry. */
export interface GatewayPluginDeps {
  /** Counters of the `@rateLimit` directives (traffic/); unset = the directives are not enforced. */
  fieldRateLimits?: FieldRateLimitDeps;
  /** The response cache (cache/); unset = nothing is cached (CACHE_ENABLED=false). */
  responseCache?: ResponseCache;
  /** Where every write is reported (invalidation, live update events); unset = writes are followed by nothing. */
  writes?: WritePort;
}

/**
 * The ordered envelop plugin list: each entry says why it sits where it does. Later issues add rate limits
 * (before execution), telemetry (around everything) and the response cache (last: it replaces execute).
 */
// envelop types each plugin by its own context; the list mixes them, as envelop itself does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function gatewayPlugins(schema: GraphQLSchema, deps: GatewayPluginDeps = {}): Array<Plugin<any>> {
  return [
    // The engine first: every later plugin wraps graphql-js' own functions.
    useEngine({ parse, validate, specifiedRules, execute, subscribe }),
    // The one schema over the five services.
    useSchema(schema),
    // The operation's span first, so it covers what every later plugin does (rules, limits, cache) and is the
    // parent of the upstream calls; a no-op when tracing is off.
    useOperationSpan(),
    // Input rules (@constraint) before anything runs or counts the operation: invalid input reaches no service.
    useInputConstraints(schema),
    // Authorization once per operation, before execution: a denied field refuses the operation before any
    // resolver runs. After the input rules, as in the legacy order (roles were checked after validation), so the
    // ownership reads never carry malformed ids; before rate limits and the cache, so a denial counts for nothing.
    // Not through graphql-middleware: it wraps every field and cost too much on lists (README, "Roles and permissions").
    usePermissions(schema),
    // @rateLimit after authorization (a denied call counts for nothing) and before the response cache, so a
    // cached answer still counts against a brute-force limit; over the limit nothing executes.
    ...(deps.fieldRateLimits ? [useFieldRateLimits({ schema, ...deps.fieldRateLimits })] : []),
    // Writes reported once they ran, after everything that may refuse the operation (a refused write wrote
    // nothing) and before the response cache, which wraps it: a cached or stale answer ran no resolver.
    ...(deps.writes ? [useWrites(schema, deps.writes)] : []),
    // The response cache last: it replaces execute, and everything above (rules, limits) must run on a hit too.
    ...(deps.responseCache ? [useResponseCache(deps.responseCache)] : []),
  ];
}
