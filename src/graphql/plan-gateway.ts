import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GraphQLContext } from '../context';
import { withOperationSpan } from '../telemetry/graphql-tracing';
import { installGatewayRequestContext } from './gateway-request-context';
import { buildOperationPlan, type OperationPlan, type PlanningContext } from './operation-plan/operation-plan';
import { runOperation, type OperationDeps } from './operation-plan/run-operation';

type Executor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

export interface PlanGatewayOptions {
  planning: PlanningContext;
  deps: OperationDeps;
  /** Most plans kept (least recently used go first). */
  maxPlans: number;
  /** Told whether each request found its plan (the `gateway_operation_plans_total` metric). */
  onPlanLookup?(result: 'hit' | 'miss'): void;
}

/**
 * Apollo Server 5 keeps HTTP, parsing, validation, APQ and error formatting; it hands every valid operation to
 * this executor (Apollo's `GatewayInterface`, the documented way to replace its execution). The executor finds
 * the operation's plan (one per document hash and operation name, in a bounded LRU: the plans of one schema) and
 * runs it. A request whose operation Apollo could not resolve goes to graphql-js for its standard error.
 */
export function createPlanGateway(schema: GraphQLSchema, options: PlanGatewayOptions): GatewayInterface {
  installGatewayRequestContext();
  const plans = new LRUCache<string, OperationPlan>({ max: options.maxPlans });
  const executor: Executor = async (requestContext) => {
    const { document, operation, request, queryHash } = requestContext;
    const context = requestContext.context as GraphQLContext;
    if (!operation) {
      return (await execute({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        operationName: request.operationName ?? undefined,
      })) as Awaited<ReturnType<Executor>>;
    }
    const key = `${queryHash}\u0000${request.operationName ?? ''}`;
    let plan = plans.get(key);
    options.onPlanLookup?.(plan ? 'hit' : 'miss');
    if (!plan) {
      plan = buildOperationPlan(options.planning, document, operation);
      plans.set(key, plan);
    }
    const planned = plan;
    const result: ExecutionResult = await withOperationSpan(context.record?.tracer, operation, () =>
      runOperation(planned, { document, variables: request.variables, context }, options.deps),
    );
    return result as Awaited<ReturnType<Executor>>;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
