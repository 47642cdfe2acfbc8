import type { Plugin } from '@envelop/core';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../src/context';
import { checkOperation, wrapParentRuleFields } from './check-operation';

/**
 * The authorization plugin: the shield rule tree (`rule-tree.ts`) checked once per operation before execution.
 * A denied field refuses the whole operation with its FORBIDDEN / UNAUTHENTICATED errors and no data, so no
 * resolver runs and no service is called (as the rate limiter does with an operation over its limit).
 */
export function usePermissions(schema: GraphQLSchema): Plugin<GraphQLContext> {
  const checkedSchema = wrapParentRuleFields(schema);
  return {
    onPluginInit({ setSchema }) {
      setSchema(checkedSchema);
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const errors = await checkOperation({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variableValues: args.variableValues,
        contextValue: args.contextValue as object,
      });
      if (errors.length > 0) setResultAndStopExecution({ data: null, errors });
    },
  };
}
