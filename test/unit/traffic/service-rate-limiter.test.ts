import { ErrorCode } from '../../../core/error-codes';
import { RateLimitedError } from '../../../core/errors';
import { createMemoryCounters } from '../../../traffic/memory-counters';
import { callerKeyOf, createServiceRateLimiter } from '../../../traffic/rate-limiter';

const RPS = { auth: 2, club: 0, outing: 1, schedule: 1, announcement: 1 };

describe('per-service rate limiter', () => {
  it('keys a caller by uuid, else by address, else not at all', () => {
    expect(callerKeyOf({ callerUuid: 'student-000000000001', clientIp: '1.2.3.4' })).toBe('user:student-000000000001');
    expect(callerKeyOf({ callerUuid: '', clientIp: '1.2.3.4' })).toBe('ip:1.2.3.4');
    expect(callerKeyOf({ callerUuid: '' })).toBeUndefined();
  });

  it('refuses the call over the per-second limit with RATE_LIMITED and a Retry-After', async () => {
    const admit = createServiceRateLimiter(createMemoryCounters({ sweepIntervalMs: 0 }), RPS);
    const caller = { callerUuid: 'student-000000000001' };
    await admit('auth', caller);
    await admit('auth', caller);
    const refusal = await admit('auth', caller).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect(refusal).toMatchObject({ code: ErrorCode.RATE_LIMITED, httpStatus: 429, retryAfterSeconds: 1 });
    // Apollo turns this into the response status and header.
    const http = (refusal as RateLimitedError).extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('1');
    expect((refusal as RateLimitedError).toExtensions()).toEqual({
      code: 'RATE_LIMITED',
      retryAfter: 1,
      service: 'auth',
    });
  });

  it('counts each service and caller apart, and leaves 0 unlimited', async () => {
    const admit = createServiceRateLimiter(createMemoryCounters({ sweepIntervalMs: 0 }), RPS);
    await admit('outing', { callerUuid: 'a' });
    await expect(admit('outing', { callerUuid: 'a' })).rejects.toBeInstanceOf(RateLimitedError);
    await expect(admit('outing', { callerUuid: 'b' })).resolves.toBeUndefined();
    await expect(admit('schedule', { callerUuid: 'a' })).resolves.toBeUndefined();
    for (let i = 0; i < 20; i += 1) await expect(admit('club', { callerUuid: 'a' })).resolves.toBeUndefined();
  });
});
