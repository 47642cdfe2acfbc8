import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  getVariableValues,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode } from '../../core/error-codes';
import { BadUserInputError, GatewayError } from '../../core/errors';
import { createConstraintChecker } from '../../directives/constraint-directive';
import { invalidInputError } from '../../directives/invalid-input-error';
import type { GraphQLContext } from '../context';
import {
  authorizeOperation,
  planAuthorization,
  type PlanAuthorization,
} from '../../permissions/operation-authorization';
import { findViolations, planConstraints, type PlanConstraints } from './operation-plan/plan-constraints';
import { conditionsHold, selectFields, type SelectedField } from './operation-plan/selected-fields';
import { loadOperationSafelist } from './operation-safelist';
import { apolloLimitOptions, type RequestLimits } from './request-limits';

/** A `subscribe` message's payload. */
export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** The execution arguments of an admitted subscription, or the errors that refuse it. */
export type Admission = ExecutionArgs | readonly GraphQLError[];

/** What the query path decides once per document, decided once per subscription document here too. */
interface SubscriptionPlan {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  constraints: PlanConstraints;
  authorization: PlanAuthorization<SelectedField>;
}

/**
 * May this subscriber subscribe to this operation? The same decision as a query's: the operation plan's rules
 * (`permissions/operation-authorization.ts`), on the fields `@skip`/`@include` leave in, with the coerced variables.
 */
export function mayRunOperation(
  plan: Pick<SubscriptionPlan, 'authorization'>,
  active: (field: SelectedField) => boolean,
  variables: Record<string, unknown>,
  context: GraphQLContext,
): Promise<GraphQLError[]> {
  return authorizeOperation(plan.authorization, active, variables, context);
}

/** Valid documents by query text, the least recently used out first: clients subscribe with the same few. */
const DOCUMENTS_KEPT = 500;

function createDocumentCache() {
  const documents = new Map<string, SubscriptionPlan>();
  return {
    get(query: string): SubscriptionPlan | undefined {
      const document = documents.get(query);
      if (document) {
        documents.delete(query);
        documents.set(query, document);
      }
      return document;
    },
    set(query: string, document: SubscriptionPlan): void {
      if (documents.size >= DOCUMENTS_KEPT) documents.delete(documents.keys().next().value as string);
      documents.set(query, document);
    },
  };
}

const refusal = (error: GatewayError) => [new GraphQLError(error.message, { originalError: error })];

/**
 * A subscription passes what an HTTP request passes before it runs, in the same order: the token limit while
 * parsing, graphql-js' and graphql-armor's validation rules (depth, cost, aliases, directives), the safelist when
 * one is on, `@constraint`, then authorization. A document that validated is kept by its text, as Apollo keeps
 * them: the same subscription from a thousand clients is parsed once and held once. Queries and mutations go over HTTP: this socket serves
 * subscriptions only, so every other operation keeps the HTTP path's cache, limits and write reporting.
 */
export function createSubscriptionAdmission(schema: GraphQLSchema, limits: RequestLimits) {
  const rules = [...specifiedRules, ...apolloLimitOptions(limits).validationRules];
  const safelist = limits.safelistFile === undefined ? undefined : loadOperationSafelist(limits.safelistFile);
  const checker = createConstraintChecker(schema);
  const documents = createDocumentCache();
  return async (payload: SubscribePayload, context: GraphQLContext): Promise<Admission> => {
    let plan = documents.get(payload.query);
    if (!plan) {
      let document: DocumentNode;
      try {
        // No locations: a subscription keeps its document as long as it runs.
        document = parse(payload.query, { maxTokens: limits.maxTokens, noLocation: true });
      } catch (error) {
        return refusal(new BadUserInputError((error as Error).message));
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return refusal(new BadUserInputError(invalid.map((e) => e.message).join(' ')));
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return refusal(new BadUserInputError('Unable to identify the operation to run.'));
      const { fields } = selectFields(schema, document, operation);
      plan = {
        document,
        operation,
        constraints: planConstraints(fields, checker),
        authorization: planAuthorization(fields),
      };
      documents.set(payload.query, plan);
    }
    const { document, operation } = plan;
    if (operation.operation !== 'subscription') {
      return refusal(
        new BadUserInputError('Only subscriptions run over WebSocket: send queries and mutations to POST /graphql.'),
      );
    }
    if (safelist && !safelist.has(document)) {
      return refusal(
        new GatewayError(ErrorCode.FORBIDDEN, 'This operation is not on the safelist.', {
          details: { reason: 'OPERATION_NOT_SAFELISTED' },
        }),
      );
    }
    const variables = payload.variables ?? undefined;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return coerced.errors;
    const values = coerced.coerced;
    const active = (field: SelectedField) => conditionsHold(field.conditions, values);
    const violations = findViolations(plan.constraints, checker, active, values);
    if (violations.length > 0) return [invalidInputError(violations)];
    const denials = await mayRunOperation(plan, active, values, context);
    if (denials.length > 0) return denials;
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: variables,
      contextValue: context,
    };
  };
}
