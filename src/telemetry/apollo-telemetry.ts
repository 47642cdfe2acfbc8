import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/error-codes';
import { isGatewayError } from '../../core/errors';
import type { GraphQLContext } from '../context';
import { APOLLO_CODES } from '../graphql/format-error';
import { currentRequest } from './request-scope';

/** The vocabulary code a GraphQL error reaches the client with (the same mapping as formatError). */
export function errorCodeOf(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (isGatewayError(original)) return original.code;
  const code = error.extensions?.code;
  if (typeof code === 'string' && code in APOLLO_CODES) return APOLLO_CODES[code] as string;
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Tells the request's record what only Apollo knows: the operation (also when execution never starts), the
 * caller, and the first error's code (parse and validation failures included).
 */
export function telemetryApolloPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const record = currentRequest();
      if (!record) return undefined;
      if (contextValue.caller) record.caller = { uuid: contextValue.caller.uuid, role: contextValue.caller.role };
      return {
        async didResolveOperation({ operationName, operation }) {
          record.operation = { name: operationName ?? 'anonymous', type: operation?.operation ?? 'query' };
        },
        async didEncounterErrors({ errors }) {
          const first = errors[0];
          if (first) record.errorCode ??= errorCodeOf(first);
        },
      };
    },
  };
}
