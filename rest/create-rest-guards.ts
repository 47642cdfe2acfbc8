import { makeExecutableSchema } from '@graphql-tools/schema';
import type { AccessTokens } from '../core/access-tokens';
import type { Logger } from '../core/logger';
import type { CallDeps } from '../grpc-clients/call';
import { loadTypeDefs } from '../src/graphql/type-defs';
import { readFieldRateLimits, type FieldRateLimitDeps } from '../traffic/field-rate-limits';
import { createRestAuthorizer } from './rest-authorization';
import { createRestFieldLimits } from './rest-field-limits';
import type { RestGuard } from './rest-guards';

export interface RestGuardsOptions {
  deps: CallDeps;
  tokens: AccessTokens;
  logger: Logger;
  /** The `@rateLimit` counters GraphQL uses; undefined when the directives are switched off (then REST's are too). */
  fieldRateLimits: FieldRateLimitDeps | undefined;
}

/**
 * The legacy routes' guards in the GraphQL order (src/graphql/plugins.ts): the rules first, so a refused call
 * counts for nothing, then the `@rateLimit` budgets of the same schema (read from the SDL, as the plugin reads them).
 */
export function createRestGuards(options: RestGuardsOptions): RestGuard[] {
  const guards = [createRestAuthorizer(options)];
  if (options.fieldRateLimits) {
    const limits = readFieldRateLimits(makeExecutableSchema({ typeDefs: loadTypeDefs() }));
    guards.push(createRestFieldLimits({ limits, ...options.fieldRateLimits }));
  }
  return guards;
}
