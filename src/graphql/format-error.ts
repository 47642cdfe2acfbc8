import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../core/error-codes';
import { isGatewayError, MASKED_ERROR_MESSAGE } from '../../core/errors';
import { publicErrorOf, type ErrorExposure } from '../../core/public-errors';

/** Apollo's own request-level codes, mapped onto the gateway vocabulary (design.md §5). */
export const APOLLO_CODES: Readonly<Record<string, ErrorCode>> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_USER_INPUT,
  BAD_REQUEST: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.BAD_USER_INPUT,
};

/**
 * graphql-armor's Apollo plugin's pattern and mask, exactly, so clients get the text they got from it (its
 * pattern leaves the question mark: `… [Suggestion hidden]?`).
 */
const SUGGESTION_MASK = '[Suggestion hidden]';
const SUGGESTION = /Did you mean ".+"/g;

export interface FormatErrorOptions {
  /**
   * Replace graphql-js' "Did you mean …?" hints, as graphql-armor's suggestion blocking does (same pattern, same
   * mask): with introspection off they would let a client map the schema name by name. Done here, on the copy
   * sent, rather than by armor's Apollo plugin, which rewrote each error in a hook Apollo awaited on every request.
   */
  hideSuggestions?: boolean;
}

/**
 * Errors the gateway raised on purpose are shown as `publicErrorOf` allows (the same rule as every HTTP
 * responder: transport failures masked, upstream facts only outside production); Apollo's request errors are
 * renamed into the vocabulary; anything else is masked as "Unexpected error." (the telemetry hooks log it with
 * its stack, under the request id the client got in `X-Request-Id`).
 */
export function createFormatError(
  exposure: ErrorExposure,
  options: FormatErrorOptions = {},
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const format = formatFor(exposure);
  if (!options.hideSuggestions) return format;
  return (formatted, error) => {
    const shown = format(formatted, error);
    if (!shown.message.includes('Did you mean')) return shown;
    return { ...shown, message: shown.message.replace(SUGGESTION, SUGGESTION_MASK) };
  };
}

function formatFor(exposure: ErrorExposure) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // Request-level rejections raised before execution (no path) carry the gateway error as `originalError`.
    const original =
      unwrapped instanceof GraphQLError && isGatewayError(unwrapped.originalError)
        ? unwrapped.originalError
        : unwrapped;
    if (isGatewayError(original)) {
      const view = publicErrorOf(original, exposure);
      return { ...formatted, message: view.message, extensions: view.extensions };
    }
    const apolloCode = formatted.extensions?.code;
    if (typeof apolloCode === 'string' && apolloCode in APOLLO_CODES) {
      return { ...formatted, extensions: { code: APOLLO_CODES[apolloCode] } };
    }
    if (isCodelessClientError(original)) return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    return {
      message: MASKED_ERROR_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Apollo raises a few request errors with an HTTP status but no code (an unsupported persisted-query version, a
 * hash that does not match the query): a 4xx of Apollo's own making is the client's mistake, not an unexpected one.
 */
export function isCodelessClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
