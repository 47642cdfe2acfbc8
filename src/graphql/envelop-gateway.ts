import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GetEnvelopedFn } from '@envelop/core';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context';

/**
 * Apollo Server runs HTTP, parsing and validation; envelop runs execution, so the ordered plugin list
 * (caching, rate limits, telemetry) wraps every operation. This is the documented bridge: Apollo's
 * `GatewayInterface` with an executor that calls envelop (libraries.md §2).
 */
export function createEnvelopGateway(
  schema: GraphQLSchema,
  getEnveloped: GetEnvelopedFn<GraphQLContext>,
): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return {
        executor: async (requestContext) => {
          const {
            execute,
            contextFactory,
            schema: envelopedSchema,
          } = getEnveloped(requestContext.context as GraphQLContext);
          return (await execute({
            schema: envelopedSchema,
            document: requestContext.document,
            contextValue: await contextFactory(),
            variableValues: requestContext.request.variables,
            // The name the client asked for, as Apollo's own executor passes it: when it names no operation
            // (an empty or unknown name) Apollo resolved none and needs execute's "Unknown operation" error.
            operationName: requestContext.request.operationName ?? undefined,
          })) as Awaited<ReturnType<NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>>>;
        },
      };
    },
    async stop() {},
  };
}
