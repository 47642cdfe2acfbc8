import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/error-codes';
import { isGatewayError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { APOLLO_CODES, isCodelessClientError } from '../graphql/format-error';
import type { RequestHooks } from '../graphql/request-hooks';

/** The vocabulary code a GraphQL error reaches the client with (the same mapping as formatError). */
export function errorCodeOf(error: GraphQLError): string {
  const unwrapped = unwrapResolverError(error);
  // Request-level rejections raised before execution (no path) carry the gateway error as `originalError`.
  const original =
    unwrapped instanceof GraphQLError && isGatewayError(unwrapped.originalError) ? unwrapped.originalError : unwrapped;
  if (isGatewayError(original)) return original.code;
  const code = error.extensions?.code;
  if (typeof code === 'string' && code in APOLLO_CODES) return APOLLO_CODES[code] as string;
  if (isCodelessClientError(original)) return ErrorCode.BAD_USER_INPUT;
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Tells the request's record what only Apollo knows: the operation (also when execution never starts) and the
 * first error's code (parse and validation failures included); the caller is recorded where the request's context
 * is made. Every error a client gets as "Unexpected error." is logged here with its facts and stack, under the
 * request id the client was given.
 */
export function telemetryRequestHooks(logger: Logger): RequestHooks {
  return {
    didResolveOperation({ contextValue, operationName, operation }) {
      const { record } = contextValue;
      if (record) record.operation = { name: operationName ?? 'anonymous', type: operation?.operation ?? 'query' };
    },
    didEncounterErrors({ contextValue, errors }) {
      const { record, requestId } = contextValue;
      for (const error of errors) {
        const code = errorCodeOf(error);
        if (record) record.errorCode ??= code;
        if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
          logger.error(
            { err: unwrapResolverError(error), path: error.path, requestId },
            'answered "Unexpected error."',
          );
        }
      }
    },
  };
}
