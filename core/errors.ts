import { ErrorCode, UnavailableReason, LegacyGatewayCode, httpStatusOf } from './error-codes';

export interface GatewayErrorOptions {
  /** The legacy negative code, where one exists; exposed as `extensions.legacyCode`. */
  legacyCode?: number;
  /**
   * Extra facts kept for logs and extensions. Upstream facts (service, rpc, gRPC code, upstream status) reach
   * clients only outside production; see `public-errors.ts` for which keys a client may see.
   */
  details?: Record<string, unknown>;
  cause?: unknown;
  /** Seconds a client should wait before trying again, sent as `Retry-After` (rate limits, blocks, draining). */
  retryAfterSeconds?: number;
}

/**
 * Builds an error without capturing a stack trace: for refusals of a client's request (a GraphQL error wrapping a
 * denial, say), where the stack is never shown nor logged and capturing it cost tens of µs per request.
 */
export function withoutStack<E extends Error>(create: () => E): E {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Base of every error the gateway raises on purpose. Anything else that reaches a client is masked as
 * "Unexpected error." and logged with its stack.
 */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly legacyCode: number | undefined;
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    // A refusal of the client's request (4xx) needs no stack: it is expected, never logged with one, and
    // capturing it was the largest cost of answering a bad token. So does "unavailable" (503): it is the answer
    // that must cost least while a service is down. Server-side faults keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR) Error.stackTraceLimit = 0;
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = httpStatusOf(code);
    this.legacyCode = options.legacyCode;
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** graphql-js copies `originalError.extensions` into the GraphQL error it wraps a thrown error in. */
  get extensions(): Record<string, unknown> {
    return this.toExtensions();
  }

  /** The `extensions` object of a GraphQL error. */
  toExtensions(): Record<string, unknown> {
    return {
      code: this.code,
      ...(this.legacyCode === undefined ? {} : { legacyCode: this.legacyCode }),
      ...this.details,
    };
  }
}

export class BadUserInputError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.BAD_USER_INPUT, message, options);
  }
}

export class UnauthenticatedError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.UNAUTHENTICATED, message, options);
  }
}

export class ForbiddenError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.FORBIDDEN, message, options);
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.NOT_FOUND, message, options);
  }
}

export class ConflictError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super(ErrorCode.CONFLICT, message, options);
  }
}

export class ServiceUnavailableError extends GatewayError {
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, message: string, options: GatewayErrorOptions = {}) {
    const legacyCode =
      reason === UnavailableReason.NO_INSTANCE
        ? LegacyGatewayCode.NO_INSTANCE
        : reason === UnavailableReason.CIRCUIT_OPEN
          ? LegacyGatewayCode.CIRCUIT_OPEN
          : undefined;
    super(ErrorCode.SERVICE_UNAVAILABLE, message, {
      ...options,
      legacyCode: options.legacyCode ?? legacyCode,
      details: { reason, ...options.details },
    });
    this.reason = reason;
  }
}

/**
 * A rate limit refused the call. Whenever it reaches a GraphQL response the whole response becomes HTTP 429
 * with `Retry-After` (a request-level rejection, design.md §5): Apollo sets status and headers from
 * `extensions.http = {status, headers: Map}` on an error and strips it before formatting (libraries.md §2.1).
 * `http` is only in `extensions`, never in `toExtensions()`, so it cannot leak into the body.
 */
export class RateLimitedError extends GatewayError {
  declare readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, options: GatewayErrorOptions = {}) {
    super(ErrorCode.RATE_LIMITED, message, {
      ...options,
      retryAfterSeconds,
      details: { retryAfter: retryAfterSeconds, ...options.details },
    });
  }

  override get extensions(): Record<string, unknown> {
    return {
      ...this.toExtensions(),
      http: { status: this.httpStatus, headers: new Map([['retry-after', String(this.retryAfterSeconds)]]) },
    };
  }
}

/** The flood guard blocked the client's address for a while (403, with `Retry-After`). */
export class IpBlockedError extends GatewayError {
  constructor(message: string, retryAfterSeconds: number) {
    super(ErrorCode.IP_BLOCKED, message, { retryAfterSeconds, details: { retryAfter: retryAfterSeconds } });
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** The only message a client sees for an error the gateway did not raise on purpose. */
export const MASKED_ERROR_MESSAGE = 'Unexpected error.';

/**
 * The service has no instance or every breaker is open: nothing was sent, and an old answer beats none (the stale
 * copy of a cached read, on both front doors).
 */
export function isOutage(error: unknown): boolean {
  return (
    isGatewayError(error) &&
    error.code === ErrorCode.SERVICE_UNAVAILABLE &&
    (error.details.reason === UnavailableReason.NO_INSTANCE || error.details.reason === UnavailableReason.CIRCUIT_OPEN)
  );
}
