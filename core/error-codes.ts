/**
 * The one error vocabulary of the gateway (design.md §5). GraphQL errors carry the code in `extensions.code`;
 * REST and request-level rejections use the HTTP status from `httpStatusOf`.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  IP_BLOCKED = 'IP_BLOCKED',
  NOT_FOUND = 'NOT_FOUND',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  CONFLICT = 'CONFLICT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

/** Why a service is unavailable; the first two have legacy codes (−301, −302). */
export enum UnavailableReason {
  NO_INSTANCE = 'NO_INSTANCE',
  CIRCUIT_OPEN = 'CIRCUIT_OPEN',
  SHEDDING = 'SHEDDING',
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.IP_BLOCKED:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.UPSTREAM_TIMEOUT:
      // The legacy gateway answered go-micro timeouts with 408 (legacy-api.md §0.6).
      return 408;
    case ErrorCode.CONFLICT:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 500;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    default:
      return assertNever(code);
  }
}

/** Maps an HTTP-like status (as the services put in their messages) back to the vocabulary. */
export function errorCodeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 407: // the service rejected a value the gateway should have rejected
      return ErrorCode.BAD_USER_INPUT;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 408:
      return ErrorCode.UPSTREAM_TIMEOUT;
    case 409:
    case 423:
      return ErrorCode.CONFLICT;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 429:
      return ErrorCode.RATE_LIMITED;
    case 503:
      return ErrorCode.SERVICE_UNAVAILABLE;
    default:
      return ErrorCode.INTERNAL_SERVER_ERROR;
  }
}

/** Legacy gateway codes (legacy-api.md §0.3, §0.5, §5.7). */
export const LegacyGatewayCode = {
  NO_AUTHORIZATION_HEADER: -101,
  MALFORMED_AUTHORIZATION_HEADER: -102,
  BAD_SIGNATURE: -103,
  TOKEN_EXPIRED: -104,
  INVALID_CLAIMS: -105,
  UNSUPPORTED_SCHEME: -106,
  UNSUPPORTED_CONTENT_TYPE: -201,
  BIND_FAILURE: -202,
  VALIDATION_FAILURE: -203,
  NO_INSTANCE: -301,
  CIRCUIT_OPEN: -302,
} as const;

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
