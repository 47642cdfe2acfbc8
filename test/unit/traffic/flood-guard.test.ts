import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '../../../core/logger';
import { createAddressMatcher, createClientIpResolver } from '../../../traffic/client-ip';
import { createFloodGuard } from '../../../traffic/flood-guard';
import { createMemoryIpBlocks } from '../../../traffic/ip-blocks';
import { createMemoryCounters } from '../../../traffic/memory-counters';

interface Answer {
  status: number;
  headers: Record<string, string | number>;
  body: Record<string, unknown>;
}

function fakeExchange(peer: string, url: string) {
  const answer: Partial<Answer> = {};
  const req = { url, socket: { remoteAddress: peer }, headers: {} } as unknown as IncomingMessage;
  const res = {
    writeHead(status: number, headers: Record<string, string | number>) {
      answer.status = status;
      answer.headers = headers;
    },
    end(body: string) {
      answer.body = JSON.parse(body) as Record<string, unknown>;
    },
  } as unknown as ServerResponse;
  return { req, res, answer: answer as Answer };
}

function guardAt(clock: { now: number }, allowlist: string[] = []) {
  return createFloodGuard({
    threshold: 3,
    blockMs: 60_000,
    allowlist: createAddressMatcher(allowlist),
    clientIp: createClientIpResolver(createAddressMatcher([])),
    counters: createMemoryCounters({ now: () => clock.now, sweepIntervalMs: 0 }),
    blocks: createMemoryIpBlocks({ now: () => clock.now, sweepIntervalMs: 0 }),
    logger: createLogger({ name: 'flood-guard-test', level: 'silent' }),
  });
}

describe('flood guard', () => {
  it('lets the threshold through, answers 429 to the next request, then 403 IP_BLOCKED until the block ends', () => {
    const clock = { now: 0 };
    const guard = guardAt(clock);
    for (let i = 0; i < 3; i += 1)
      expect(guard(fakeExchange('203.0.113.1', '/graphql').req, fakeExchange('', '').res)).toBe(false);

    const tripped = fakeExchange('203.0.113.1', '/graphql');
    expect(guard(tripped.req, tripped.res)).toBe(true);
    expect(tripped.answer.status).toBe(429);
    expect(tripped.answer.headers['retry-after']).toBe('60');
    expect(tripped.answer.body).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', retryAfter: 60 } }],
    });

    clock.now = 30_000;
    const blocked = fakeExchange('203.0.113.1', '/v1/students/uuid/x');
    expect(guard(blocked.req, blocked.res)).toBe(true);
    expect(blocked.answer.status).toBe(403);
    expect(blocked.answer.headers['retry-after']).toBe('30');
    expect(blocked.answer.body).toEqual({ status: 403, message: expect.any(String) });

    const other = fakeExchange('203.0.113.2', '/graphql');
    expect(guard(other.req, other.res)).toBe(false);

    clock.now = 60_000;
    const after = fakeExchange('203.0.113.1', '/graphql');
    expect(guard(after.req, after.res)).toBe(false);
  });

  it('never counts an allowlisted address', () => {
    const guard = guardAt({ now: 0 }, ['127.0.0.0/8']);
    for (let i = 0; i < 100; i += 1) {
      const { req, res } = fakeExchange('::ffff:127.0.0.1', '/readyz');
      expect(guard(req, res)).toBe(false);
    }
  });

  it('is off with threshold 0', () => {
    const guard = createFloodGuard({
      threshold: 0,
      blockMs: 1000,
      allowlist: createAddressMatcher([]),
      clientIp: () => '203.0.113.1',
      counters: createMemoryCounters({ sweepIntervalMs: 0 }),
      blocks: createMemoryIpBlocks({ sweepIntervalMs: 0 }),
      logger: createLogger({ name: 'flood-guard-test', level: 'silent' }),
    });
    for (let i = 0; i < 100; i += 1)
      expect(guard(fakeExchange('203.0.113.1', '/').req, fakeExchange('', '').res)).toBe(false);
  });
});
