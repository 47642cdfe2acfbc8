import type { IncomingMessage } from 'node:http';
import { IpBlockedError, RateLimitedError } from '../../../core/errors';
import { createLogger } from '../../../core/logger';
import { createAddressMatcher, createClientIpResolver } from '../../../http/client-ip';
import { createFloodGuard } from '../../../traffic/flood-guard';
import { createMemoryIpBlocks } from '../../../traffic/ip-blocks';
import { createMemoryCounters } from '../../../traffic/memory-counters';

const resolve = createClientIpResolver(createAddressMatcher([]));
/** A request from this peer, as the HTTP server hands it to its guards (the address resolved once). */
function fakeRequest(peer: string): { clientIp: string } {
  return { clientIp: resolve({ socket: { remoteAddress: peer }, headers: {} } as unknown as IncomingMessage) };
}

function guardAt(clock: { now: number }, allowlist: string[] = []) {
  return createFloodGuard({
    threshold: 3,
    blockMs: 60_000,
    allowlist: createAddressMatcher(allowlist),
    counters: createMemoryCounters({ now: () => clock.now, sweepIntervalMs: 0 }),
    blocks: createMemoryIpBlocks({ now: () => clock.now, sweepIntervalMs: 0 }),
    logger: createLogger({ name: 'flood-guard-test', level: 'silent' }),
  })!;
}

describe('flood guard', () => {
  it('lets the threshold through, refuses the next request 429, then 403 IP_BLOCKED until the block ends', () => {
    const clock = { now: 0 };
    const guard = guardAt(clock);
    for (let i = 0; i < 3; i += 1) expect(guard(fakeRequest('203.0.113.1'))).toBe(false);

    const tripped = guard(fakeRequest('203.0.113.1'));
    expect(tripped).toBeInstanceOf(RateLimitedError);
    expect(tripped).toMatchObject({ httpStatus: 429, retryAfterSeconds: 60, details: { retryAfter: 60 } });

    clock.now = 30_000;
    const blocked = guard(fakeRequest('203.0.113.1'));
    expect(blocked).toBeInstanceOf(IpBlockedError);
    expect(blocked).toMatchObject({ httpStatus: 403, code: 'IP_BLOCKED', retryAfterSeconds: 30 });

    expect(guard(fakeRequest('203.0.113.2'))).toBe(false);

    clock.now = 60_000;
    expect(guard(fakeRequest('203.0.113.1'))).toBe(false);
  });

  it('never counts an allowlisted address', () => {
    const guard = guardAt({ now: 0 }, ['127.0.0.0/8']);
    for (let i = 0; i < 100; i += 1) expect(guard(fakeRequest('::ffff:127.0.0.1'))).toBe(false);
  });

  it('is off with threshold 0: no guard to register', () => {
    const guard = createFloodGuard({
      threshold: 0,
      blockMs: 1000,
      allowlist: createAddressMatcher([]),
      counters: createMemoryCounters({ sweepIntervalMs: 0 }),
      blocks: createMemoryIpBlocks({ sweepIntervalMs: 0 }),
      logger: createLogger({ name: 'flood-guard-test', level: 'silent' }),
    });
    expect(guard).toBeUndefined();
  });
});
