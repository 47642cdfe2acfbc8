import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../../helpers/free-port';
import { startRedisServer, stopRedisServer } from '../../helpers/redis-server';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

// A Redis of this suite's own, so it can be killed and started again mid-test.
const CALENDAR = 'query { calendar(year: 2026, month: 11) { id } }';

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 100): Promise<T> {
  let value = await probe();
  for (let i = 0; i < attempts && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

describe('Redis stopped and started again under traffic', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let gateway: GatewayHarness;
  let token: string;

  const readiness = async () => {
    const res = await fetch(gateway.url.replace('/graphql', '/readyz'));
    return { status: res.status, body: (await res.json()) as { limits: { store: string; degraded: boolean } } };
  };
  const calendar = () => gateway.graphql(CALENDAR, undefined, { token });
  const fillTheSecond = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (let i = 0; i < 3; i += 1) expect((await calendar()).status).toBe(200);
    return calendar();
  };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    gateway = await startGatewayHarness({
      env: {
        REDIS_URL: `redis://127.0.0.1:${port}/0`,
        RATE_LIMIT_SCHEDULE_RPS: '3',
        RATE_LIMIT_DIRECTIVES: 'true',
        // A cached read calls no service and so never counts against a service's limit.
        CACHE_ENABLED: 'false',
      },
    });
    token = await gateway.login('student', 'student1', 'student1234');
  });
  afterAll(async () => {
    await gateway?.close();
    await stopRedisServer(redis);
  });

  it('counts on Redis while it is up', async () => {
    // Right after start the gateway may still be connecting (then it says degraded, truthfully): wait for Redis.
    expect(await until(readiness, (r) => !r.body.limits.degraded, 30)).toEqual({
      status: 200,
      body: expect.objectContaining({ limits: { store: 'redis', degraded: false, redis: 'single' } }),
    });
    expect((await fillTheSecond()).status).toBe(429);
  });

  it('keeps serving with in-process limits while Redis is down, and says so in /readyz (still ready)', async () => {
    await stopRedisServer(redis);
    redis = undefined;
    // The first request after the kill is served: its hit falls back instead of failing.
    expect((await gateway.graphql('query { clubs { name } }', undefined, { token })).status).toBe(200);

    const degraded = await until(readiness, (r) => r.body.limits.degraded);
    expect(degraded).toEqual({
      status: 200,
      body: expect.objectContaining({ limits: { store: 'redis', degraded: true, redis: 'single' } }),
    });

    // Limits still hold, counted in this process.
    const refused = await fillTheSecond();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    // @rateLimit fields too: a login still works.
    expect(
      (await gateway.graphql('mutation { loginStudent(id: "student1", password: "student1234") { accessToken } }'))
        .status,
    ).toBe(200);
  });

  it('goes back to Redis by itself when it returns', async () => {
    redis = await startRedisServer(port);
    const recovered = await until(readiness, (r) => !r.body.limits.degraded);
    expect(recovered.body.limits).toEqual({ store: 'redis', degraded: false, redis: 'single' });

    expect((await fillTheSecond()).status).toBe(429);
    const fresh = new Redis({ port, host: '127.0.0.1' });
    try {
      // The per-service counts are reconciled there again: a window's hash holds this caller's schedule calls.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const [, keys] = await fresh.scan('0', 'MATCH', 'traffic:shared:*', 'COUNT', 1000);
      const windows = keys.filter((key) => !key.endsWith(':replicas'));
      const fields = (await Promise.all(windows.map((key) => fresh.hkeys(key)))).flat();
      expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/^service:schedule:user:/)]));
    } finally {
      fresh.disconnect();
    }
  });
});
