import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode } from '../../core/error-codes';
import { BadUserInputError, GatewayError } from '../../core/errors';
import { createConstraintChecker } from '../../directives/constraint-directive';
import { findViolations, invalidInputError } from '../../directives/use-input-constraints';
import { checkOperation } from '../../permissions';
import type { GraphQLContext } from '../context';
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

/**
 * May this subscriber subscribe to this operation? The same authorization as a query's (the rule tree checked
 * once before execution, `checkOperation`), kept behind this one function so that it can follow the query path
 * wherever that goes.
 */
export function mayRunOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  payload: SubscribePayload,
  context: GraphQLContext,
): Promise<GraphQLError[]> {
  return checkOperation({
    schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    contextValue: context,
  });
}

/** Valid documents by query text, the least recently used out first: clients subscribe with the same few. */
const DOCUMENTS_KEPT = 500;

function createDocumentCache() {
  const documents = new Map<string, DocumentNode>();
  return {
    get(query: string): DocumentNode | undefined {
      const document = documents.get(query);
      if (document) {
        documents.delete(query);
        documents.set(query, document);
      }
      return document;
    },
    set(query: string, document: DocumentNode): void {
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
    let document = documents.get(payload.query);
    if (!document) {
      try {
        // No locations: a subscription keeps its document as long as it runs.
        document = parse(payload.query, { maxTokens: limits.maxTokens, noLocation: true });
      } catch (error) {
        return refusal(new BadUserInputError((error as Error).message));
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return refusal(new BadUserInputError(invalid.map((e) => e.message).join(' ')));
      documents.set(payload.query, document);
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return refusal(new BadUserInputError('Unable to identify the operation to run.'));
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
    const violations = findViolations(schema, checker, document, payload.operationName ?? undefined, variables);
    if (violations.length > 0) return [invalidInputError(violations)];
    const denials = await mayRunOperation(schema, document, payload, context);
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
