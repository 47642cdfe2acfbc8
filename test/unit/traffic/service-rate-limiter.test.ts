import { ErrorCode } from '../../../core/error-codes';
import { RateLimitedError } from '../../../core/errors';
import { createMemoryCounters } from '../../../traffic/memory-counters';
import { callerKeyOf, createServiceAdmission } from '../../../traffic/rate-limiter';

const PER_CALLER = { auth: 2, club: 0, outing: 1, schedule: 1, announcement: 1 };
const NO_CAP = { auth: 0, club: 0, outing: 0, schedule: 0, announcement: 0 };

const admission = (capacity = NO_CAP, events = {}) =>
  createServiceAdmission(createMemoryCounters({ sweepIntervalMs: 0 }), { perCaller: PER_CALLER, capacity }, events);

describe('per-service admission', () => {
  it('keys a caller by uuid, else by address, else not at all', () => {
    expect(callerKeyOf({ callerUuid: 'student-000000000001', clientIp: '1.2.3.4' })).toBe('user:student-000000000001');
    expect(callerKeyOf({ callerUuid: '', clientIp: '1.2.3.4' })).toBe('ip:1.2.3.4');
    expect(callerKeyOf({ callerUuid: '' })).toBeUndefined();
  });

  it('refuses the call over the per-second limit with RATE_LIMITED and a Retry-After', () => {
    const admit = admission();
    const caller = { callerUuid: 'student-000000000001' };
    expect(admit('auth', caller)).toBeUndefined();
    expect(admit('auth', caller)).toBeUndefined();
    const refusal = admit('auth', caller);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect(refusal).toMatchObject({ code: ErrorCode.RATE_LIMITED, httpStatus: 429, retryAfterSeconds: 1 });
    // Apollo turns this into the response status and header.
    const http = refusal!.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('1');
    expect(refusal!.toExtensions()).toEqual({ code: 'RATE_LIMITED', retryAfter: 1, service: 'auth' });
  });

  it('counts each service and caller apart, and leaves 0 unlimited', () => {
    const admit = admission();
    expect(admit('outing', { callerUuid: 'a' })).toBeUndefined();
    expect(admit('outing', { callerUuid: 'a' })).toBeInstanceOf(RateLimitedError);
    expect(admit('outing', { callerUuid: 'b' })).toBeUndefined();
    expect(admit('schedule', { callerUuid: 'a' })).toBeUndefined();
    for (let i = 0; i < 20; i += 1) expect(admit('club', { callerUuid: 'a' })).toBeUndefined();
  });

  it("caps a service's calls from all callers together, saying so, and counts the refusal by its limiter", () => {
    const refused: string[] = [];
    const admit = admission({ ...NO_CAP, club: 3 }, { rateLimited: (limiter: string) => refused.push(limiter) });
    for (const caller of ['a', 'b', 'c']) expect(admit('club', { callerUuid: caller })).toBeUndefined();
    const refusal = admit('club', { callerUuid: 'd' });
    expect(refusal?.toExtensions()).toEqual({
      code: 'RATE_LIMITED',
      retryAfter: 1,
      service: 'club',
      reason: 'CAPACITY',
    });
    expect(refusal?.message).toBe('the club service is at capacity: at most 3 calls per second');
    expect(admit('outing', { callerUuid: 'd' })).toBeUndefined();
    expect(refused).toEqual(['capacity:club']);
  });

  it("a caller over its own limit takes nothing from the service's capacity", () => {
    const admit = admission({ ...NO_CAP, outing: 2 });
    expect(admit('outing', { callerUuid: 'a' })).toBeUndefined();
    // Refused by its own limit (1/s): not counted against the capacity of 2.
    for (let i = 0; i < 5; i += 1)
      expect(admit('outing', { callerUuid: 'a' })?.toExtensions()).not.toHaveProperty('reason');
    expect(admit('outing', { callerUuid: 'b' })).toBeUndefined();
    expect(admit('outing', { callerUuid: 'c' })?.toExtensions()).toMatchObject({ reason: 'CAPACITY' });
  });

  it('caps calls with no known caller too', () => {
    const admit = admission({ ...NO_CAP, schedule: 1 });
    expect(admit('schedule', { callerUuid: '' })).toBeUndefined();
    expect(admit('schedule', { callerUuid: '' })?.toExtensions()).toMatchObject({ reason: 'CAPACITY' });
  });
});
