import type { GraphQLSchema } from 'graphql';
import type { AccessTokens } from '../core/access-tokens';
import type { Logger } from '../core/logger';
import type { CallDeps } from '../grpc-clients/call';
import { readFieldRateLimits, type FieldRateLimitDeps } from '../traffic/field-rate-limits';
import { createRestAuthorizer } from './rest-authorization';
import { createRestFieldLimits } from './rest-field-limits';
import type { RestGuard } from './rest-guards';

export interface RestGuardsOptions {
  /** The gateway's one executable schema: its `@rateLimit` budgets are REST's too. */
  schema: GraphQLSchema;
  deps: CallDeps;
  tokens: AccessTokens;
  logger: Logger;
  /** The `@rateLimit` counters GraphQL uses; undefined when the directives are switched off (then REST's are too). */
  fieldRateLimits: FieldRateLimitDeps | undefined;
}

/**
 * The legacy routes' guards in the GraphQL order (src/graphql/plugins.ts): the rules first, so a refused call
 * counts for nothing, then the `@rateLimit` budgets of the same schema (read from the same schema the plugin reads).
 */
export function createRestGuards(options: RestGuardsOptions): RestGuard[] {
  const guards = [createRestAuthorizer(options)];
  if (options.fieldRateLimits) {
    const limits = readFieldRateLimits(options.schema);
    guards.push(createRestFieldLimits({ limits, ...options.fieldRateLimits }));
  }
  return guards;
}
