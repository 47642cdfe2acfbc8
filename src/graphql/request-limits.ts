import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { PersistedQueryStore } from '../../cache/redis-persisted-queries';
import type { Config } from '../../core/config';
import { loadOperationSafelist, safelistPlugin } from './operation-safelist';

export type RequestLimits = Config['graphql'];

/** The Apollo options that bound what one request may ask for. */
export interface ApolloLimitOptions {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
  introspection: boolean;
  allowBatchedHttpRequests: boolean;
  persistedQueries: ApolloServerOptions<never>['persistedQueries'];
}

/**
 * graphql-armor's depth, cost, alias and directive limits as Apollo validation rules: Apollo parses and validates
 * the document itself (envelop only executes, libraries.md §2), and caches a document only after it validated, so
 * each distinct query pays for the rules once. The token limit is graphql-js' own `maxTokens` parse option: armor's
 * Apollo token plugin throws from `parsingDidStart`, which Apollo answers with a 500. Introspection counts toward
 * neither depth nor cost, so Sandbox keeps working where introspection is on.
 */
export function apolloLimitOptions(limits: RequestLimits, persistedQueries?: PersistedQueryStore): ApolloLimitOptions {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    // "Did you mean …?" hints are hidden by `createFormatError` (same pattern and mask), on the copy sent: armor's
    // Apollo plugin did it in a hook Apollo awaited on every request.
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const safelist = limits.safelistFile === undefined ? undefined : loadOperationSafelist(limits.safelistFile);
  return {
    validationRules: protection.validationRules,
    plugins: [...protection.plugins, ...(safelist ? [safelistPlugin(safelist)] : [])],
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: limits.introspection,
    allowBatchedHttpRequests: limits.maxBatch > 1,
    // The shared store when Redis is configured, else Apollo's in-memory LRU; `false` refuses
    // `extensions.persistedQuery`.
    persistedQueries: limits.apq ? (persistedQueries ? { cache: persistedQueries } : {}) : false,
  };
}
