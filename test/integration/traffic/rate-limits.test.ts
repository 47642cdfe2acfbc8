import Redis from 'ioredis';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { testRedisUrl } from '../../helpers/test-redis';

// Real Redis, this suite's own database, flushed before use. Two gateways on it stand for two replicas.
const REDIS_URL = testRedisUrl(12);
const CALENDAR = 'query { calendar(year: 2026, month: 11) { id } }';
const LOGIN = 'mutation Login($id: String!) { loginStudent(id: $id, password: "wrong-password") { accessToken } }';

const scheduleCalls = (gateway: GatewayHarness) =>
  Object.entries(gateway.services.services.callCounts())
    .filter(([path]) => path.includes('schedule'))
    .reduce((sum, [, n]) => sum + n, 0);
const authCalls = (gateway: GatewayHarness) =>
  Object.entries(gateway.services.services.callCounts())
    .filter(([path]) => path.includes('service.auth'))
    .reduce((sum, [, n]) => sum + n, 0);

// The response cache off: a cached read calls no service, so it would never count against a service's limit.
const LIMITS = {
  REDIS_URL,
  CACHE_ENABLED: 'false',
  RATE_LIMIT_DIRECTIVES: 'true',
  RATE_LIMIT_SCHEDULE_RPS: '3',
};

describe('rate limits on Redis, shared by two gateway replicas', () => {
  let redis: Redis;
  let a: GatewayHarness;
  let b: GatewayHarness;
  let token: string;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    await redis.flushdb();
    a = await startGatewayHarness({ env: LIMITS });
    b = await startGatewayHarness({ env: LIMITS });
    token = await a.login('student', 'student1', 'student1234');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    redis?.disconnect();
  });

  it('per service: the limit is just not tripped, one call more is refused with 429 + Retry-After and reaches no service', async () => {
    a.services.services.resetCallCounts();
    for (let i = 0; i < 3; i += 1) {
      const ok = await a.graphql(CALENDAR, undefined, { token });
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
    }
    const callsBefore = scheduleCalls(a);
    expect(callsBefore).toBe(3);

    const refused = await a.graphql(CALENDAR, undefined, { token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1, service: 'schedule' });
    expect(JSON.stringify(refused.body)).not.toContain('"http"');
    expect(scheduleCalls(a)).toBe(callsBefore);
  });

  it('per service: counters are reconciled across replicas, so the other replica refuses the same caller too', async () => {
    // A fresh second for this caller, then 2 calls on A and 1 on B fill it; the next one on B is refused. Started
    // just after a window's boundary (windows are whole seconds): a sequence that straddled one saw the first
    // calls weighted down as the previous window's, and the last call admitted (a failure under a loaded run).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    expect((await a.graphql(CALENDAR, undefined, { token })).status).toBe(200);
    expect((await a.graphql(CALENDAR, undefined, { token })).status).toBe(200);
    expect((await b.graphql(CALENDAR, undefined, { token })).status).toBe(200);
    // Each replica admits in process and learns the other's calls at its next reconciliation (every 100 ms).
    await new Promise((resolve) => setTimeout(resolve, 250));
    b.services.services.resetCallCounts();
    const refused = await b.graphql(CALENDAR, undefined, { token });
    expect(refused.status).toBe(429);
    expect(scheduleCalls(b)).toBe(0);
    // Another caller is not affected.
    const teacher = await b.login('teacher', 'teacher1', 'teacher1234');
    expect((await b.graphql(CALENDAR, undefined, { token: teacher })).status).toBe(200);
  });

  it('@rateLimit: a login id takes 10 attempts in 5 minutes across both replicas; the 11th reaches no service', async () => {
    for (let i = 0; i < 10; i += 1) {
      const attempt = await (i % 2 === 0 ? a : b).graphql(LOGIN, { id: 'student2' });
      expect(attempt.status).toBe(200);
      expect(attempt.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    a.services.services.resetCallCounts();
    const refused = await a.graphql(LOGIN, { id: 'student2' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(200);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(300);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        path: ['loginStudent'],
        extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number), field: 'Mutation.loginStudent' },
      }),
    ]);
    expect(authCalls(a)).toBe(0);
    // Another login id is still open.
    expect((await a.graphql(LOGIN, { id: 'student3' })).status).toBe(200);
  });

  it('@rateLimit: every alias counts, so one request cannot try many codes at once', async () => {
    // unsignedStudent allows 20 lookups per address in 10 minutes.
    for (let i = 0; i < 10; i += 1) {
      expect((await a.graphql(`query { unsignedStudent(authCode: ${200000 + i}) { name } }`)).status).toBe(200);
    }
    const aliases = Array.from({ length: 11 }, (_, i) => `c${i}: unsignedStudent(authCode: ${100000 + i}) { name }`);
    a.services.services.resetCallCounts();
    const refused = await a.graphql(`query { ${aliases.join(' ')} }`);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(authCalls(a)).toBe(0);
    // A refused request is not recorded: a single lookup still fits the window (10 + 1 of 20).
    const single = await a.graphql('query { unsignedStudent(authCode: 123456) { name } }');
    expect(single.status).toBe(200);
    expect(single.body.errors).toBeUndefined();
  });

  it('keeps every counter key in its namespace with an expiry', async () => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', '*', 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.startsWith('traffic:')).toBe(true);
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    }
    expect(keys).toEqual(
      expect.arrayContaining([expect.stringContaining('field:Mutation.loginStudent:5m:arg:id=student2')]),
    );
  });
});

describe('flood guard with blocks shared through Redis', () => {
  let redis: Redis;
  let a: GatewayHarness;
  let b: GatewayHarness;
  // 127.0.0.1 (the test runner) is the trusted proxy, so X-Forwarded-For names a distinct client per test.
  const FLOOD = { REDIS_URL, FLOOD_THRESHOLD: '5', FLOOD_BLOCK_SECONDS: '3', TRUSTED_PROXIES: '127.0.0.1' };
  const get = (gateway: GatewayHarness, client: string, path = '/healthz') =>
    fetch(gateway.url.replace('/graphql', path), { headers: { 'x-forwarded-for': client } });

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    a = await startGatewayHarness({ env: FLOOD });
    b = await startGatewayHarness({ env: FLOOD });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    redis?.disconnect();
  });

  it('an address blocked by one replica is blocked by both', async () => {
    const client = '198.51.100.20';
    for (let i = 0; i < 5; i += 1) expect((await get(a, client)).status).toBe(200);
    const tripped = await get(a, client);
    expect(tripped.status).toBe(429);
    expect(tripped.headers.get('retry-after')).toBe('3');
    // Shared after the answer: the block set (scored by when the block ends) and the message are written async.
    let endsAt = 0;
    for (let i = 0; i < 20 && !endsAt; i += 1) {
      endsAt = Number(await redis.zscore('traffic:blocked', client));
      if (!endsAt) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(endsAt).toBeGreaterThan(Date.now() + 1000);
    expect(await redis.pttl('traffic:blocked')).toBeGreaterThan(0);

    // B learns the block from the channel; poll briefly (each poll counts for B, far below its threshold).
    let status = 0;
    for (let i = 0; i < 4 && status !== 403; i += 1) {
      status = (await get(b, client, '/graphql')).status;
      if (status !== 403) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(403);
    const body = (await (await get(b, client, '/graphql')).json()) as {
      errors: Array<{ extensions: { code: string } }>;
    };
    expect(body.errors[0]?.extensions.code).toBe('IP_BLOCKED');
    expect((await get(b, '198.51.100.21')).status).toBe(200);
  });

  it('a replica started after the block reads it from Redis', async () => {
    const client = '198.51.100.30';
    for (let i = 0; i < 6; i += 1) await get(a, client);
    const late = await startGatewayHarness({ env: FLOOD });
    try {
      let status = 0;
      // At most 4 polls: below the threshold, so a 403 can only come from the shared block.
      for (let i = 0; i < 4 && status !== 403; i += 1) {
        status = (await get(late, client)).status;
        if (status !== 403) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(403);
    } finally {
      await late.close();
    }
  });
});
