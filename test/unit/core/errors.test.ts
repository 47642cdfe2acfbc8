import { ErrorCode, UnavailableReason, errorCodeOfStatus, httpStatusOf } from '../../../core/error-codes';
import { ForbiddenError, GatewayError, ServiceUnavailableError, isOutage } from '../../../core/errors';

describe('error vocabulary', () => {
  it.each([
    [ErrorCode.BAD_USER_INPUT, 400],
    [ErrorCode.UNAUTHENTICATED, 401],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.IP_BLOCKED, 403],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.UPSTREAM_TIMEOUT, 408],
    [ErrorCode.CONFLICT, 409],
    [ErrorCode.PAYLOAD_TOO_LARGE, 413],
    [ErrorCode.RATE_LIMITED, 429],
    [ErrorCode.INTERNAL_SERVER_ERROR, 500],
    [ErrorCode.SERVICE_UNAVAILABLE, 503],
  ])('%s answers HTTP %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('covers every code of the enum', () => {
    for (const code of Object.values(ErrorCode)) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
  });

  it.each([
    [400, ErrorCode.BAD_USER_INPUT],
    [407, ErrorCode.BAD_USER_INPUT],
    [401, ErrorCode.UNAUTHENTICATED],
    [403, ErrorCode.FORBIDDEN],
    [404, ErrorCode.NOT_FOUND],
    [408, ErrorCode.UPSTREAM_TIMEOUT],
    [409, ErrorCode.CONFLICT],
    [503, ErrorCode.SERVICE_UNAVAILABLE],
    [500, ErrorCode.INTERNAL_SERVER_ERROR],
    [418, ErrorCode.INTERNAL_SERVER_ERROR],
  ])('a service status %i maps to %s', (status, code) => {
    expect(errorCodeOfStatus(status)).toBe(code);
  });

  it('puts the code and the legacy code in the GraphQL extensions', () => {
    const error = new ForbiddenError('not yours', { legacyCode: -2601 });
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.httpStatus).toBe(403);
    expect(error.toExtensions()).toEqual({ code: 'FORBIDDEN', legacyCode: -2601 });
  });

  it.each([
    [UnavailableReason.NO_INSTANCE, -301],
    [UnavailableReason.CIRCUIT_OPEN, -302],
    [UnavailableReason.SHEDDING, undefined],
  ])('SERVICE_UNAVAILABLE with reason %s carries legacy code %s', (reason, legacyCode) => {
    const error = new ServiceUnavailableError(reason, 'unavailable');
    expect(error.httpStatus).toBe(503);
    expect(error.toExtensions()).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      reason,
      ...(legacyCode === undefined ? {} : { legacyCode }),
    });
  });
});

describe('isOutage (when a stale copy may answer instead)', () => {
  it('is true only when nothing could be sent: no instance, or every breaker open', () => {
    expect(isOutage(new ServiceUnavailableError(UnavailableReason.NO_INSTANCE, 'no instance'))).toBe(true);
    expect(isOutage(new ServiceUnavailableError(UnavailableReason.CIRCUIT_OPEN, 'open'))).toBe(true);
    expect(isOutage(new ServiceUnavailableError(UnavailableReason.SHEDDING, 'draining'))).toBe(false);
    expect(isOutage(new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, 'deadline'))).toBe(false);
    expect(isOutage(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isOutage(undefined)).toBe(false);
  });
});
