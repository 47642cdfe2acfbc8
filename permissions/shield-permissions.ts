import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { shield, type IRules } from 'graphql-shield';
import { ruleTree, shieldOptions } from './rule-tree';

/**
 * The same rule tree through graphql-shield's own middleware, which wraps every field's resolver. Kept for the
 * overhead benchmark (`bench/shield-overhead.mjs`) and as the reference the once-per-operation evaluator must
 * agree with; the gateway itself uses `usePermissions`.
 */
export function applyShield(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, shield(ruleTree as IRules, shieldOptions));
}
