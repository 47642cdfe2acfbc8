import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, UnavailableReason } from '../../../core/error-codes';
import { ServiceUnavailableError } from '../../../core/errors';
import type { GuardRequest } from '../../../http/http-server';
import { createLoadShedder } from '../../../http/load-shedding';

const request = (route: string | undefined): GuardRequest => ({
  req: {} as IncomingMessage,
  res: {} as ServerResponse,
  requestId: 'r-1',
  clientIp: '127.0.0.1',
  route,
});

describe('the load shedder', () => {
  let inFlight = 0;
  let refusals = 0;
  const shed = createLoadShedder({ maxInFlight: 3, inFlight: () => inFlight, onShed: () => (refusals += 1) });

  it('admits up to the bound, the request itself counted', () => {
    for (inFlight = 1; inFlight <= 3; inFlight += 1) expect(shed(request('/graphql'))).toBe(false);
  });

  it('refuses the request over the bound with 503 SHEDDING and Retry-After 1', () => {
    inFlight = 4;
    const verdict = shed(request('/graphql'));
    expect(verdict).toBeInstanceOf(ServiceUnavailableError);
    expect(verdict).toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
      reason: UnavailableReason.SHEDDING,
      retryAfterSeconds: 1,
    });
    expect(shed(request(undefined))).toBeInstanceOf(ServiceUnavailableError);
    expect(refusals).toBe(2);
  });

  it('never refuses the probes, the metrics or the legacy ping', () => {
    inFlight = 1000;
    refusals = 0;
    for (const route of ['/healthz', '/readyz', '/metrics', '/ping'])
      expect([route, shed(request(route))]).toEqual([route, false]);
    expect(refusals).toBe(0);
  });
});
