import Redis from 'ioredis';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { testRedisUrl } from '../../helpers/test-redis';

// Real Redis, this suite's own database. Two gateways on it stand for two replicas of one deployment.
const REDIS_URL = testRedisUrl(5);
const CALENDAR = 'query { calendar(year: 2026, month: 11) { id } }';
const CAPACITY = 4;
// The schedule service takes 4 calls a second from everyone together; no per-caller limit gets in the way, and
// the response cache is off (a cached read calls no service and so is never counted).
const ENV = {
  REDIS_URL,
  CACHE_ENABLED: 'false',
  SERVICE_CAPACITY_SCHEDULE_RPS: String(CAPACITY),
  RATE_LIMIT_SCHEDULE_RPS: '0',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The start of a fresh second (the counts are per second), after the replicas have reconciled. */
const freshSecond = () => sleep(1000 - (Date.now() % 1000) + 1100);
const scheduleCalls = (gateway: GatewayHarness) =>
  Object.entries(gateway.services.services.callCounts())
    .filter(([path]) => path.includes('schedule'))
    .reduce((sum, [, n]) => sum + n, 0);

describe('per-service capacity shared by two gateway replicas through Redis', () => {
  let a: GatewayHarness;
  let b: GatewayHarness;
  const tokens: string[] = [];

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    a = await startGatewayHarness({ env: ENV });
    b = await startGatewayHarness({ env: ENV });
    tokens.push(
      await a.login('student', 'student1', 'student1234'),
      await a.login('student', 'student2', 'student1234'),
      await a.login('teacher', 'teacher1', 'teacher1234'),
      await a.login('parent', 'parent1', 'parent1234'),
      await a.login('admin', 'admin', 'admin1234'),
    );
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('GraphQL: the calls of different callers on both replicas fill the cap; the next is 429 CAPACITY with Retry-After and reaches no service', async () => {
    await freshSecond();
    // Two callers on A, two on B: the cap of 4 is used by four different people.
    for (const [gateway, token] of [
      [a, tokens[0]],
      [a, tokens[1]],
      [b, tokens[2]],
      [b, tokens[3]],
    ] as const) {
      const ok = await gateway.graphql(CALENDAR, undefined, { token });
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
    }
    // Each replica learns the other's calls at its next reconciliation (every 100 ms).
    await sleep(250);
    a.services.services.resetCallCounts();
    const refused = await a.graphql(CALENDAR, undefined, { token: tokens[4] });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'the schedule service is at capacity: at most 4 calls per second',
      extensions: { code: 'RATE_LIMITED', retryAfter: 1, service: 'schedule', reason: 'CAPACITY' },
    });
    expect(scheduleCalls(a)).toBe(0);
    // Other services are not capped.
    expect((await a.graphql('query { clubs { name } }', undefined, { token: tokens[4] })).status).toBe(200);
  });

  it('REST: the legacy routes answer the same cap with 429 in their envelope and Retry-After', async () => {
    await freshSecond();
    const route58 = (gateway: GatewayHarness, token: string) =>
      httpRequest(`${gateway.url.replace('/graphql', '')}/v1/schedules/years/2026/months/11`, {
        headers: { authorization: `Bearer ${token}` },
      });
    for (let i = 0; i < CAPACITY; i += 1) expect((await route58(i % 2 ? a : b, tokens[i]!)).status).toBe(200);
    await sleep(250);
    b.services.services.resetCallCounts();
    const refused = await route58(b, tokens[4]!);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.text)).toEqual({
      status: 429,
      code: 0,
      message: 'the schedule service is at capacity: at most 4 calls per second',
    });
    expect(scheduleCalls(b)).toBe(0);
  });

  it('a second later the service takes calls again, and the refusals are counted by limiter in /metrics', async () => {
    await freshSecond();
    expect((await b.graphql(CALENDAR, undefined, { token: tokens[0] })).status).toBe(200);
    const metrics = await (await fetch(b.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^gateway_rate_limit_rejections_total\{limiter="capacity:schedule"\} [1-9]/m);
  });
});
