import Redis from 'ioredis';
import { createLogger } from '../../../core/logger';
import { encryptAes256 } from '../../../rest/aes-everywhere';
import { createRequestSecurity } from '../../../rest/request-security';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { TOKEN } from './route-case';
import { testRedisUrl } from '../../helpers/test-redis';

const PASSPHRASE = 'proxy-pass-phrase';
const BASE = 'dms-sms-proxy';
const REDIS_URL = testRedisUrl(9);
const SECURITY_ENV = { REQUEST_SECURITY_PASSPHRASE: PASSPHRASE, REQUEST_SECURITY_BASE_PLAIN: BASE };
const REJECTED = { status: 407, message: 'please send the request through the proxy' };

const unixNow = () => Math.floor(Date.now() / 1000);
const header = (plaintext: string, passphrase = PASSPHRASE) => encryptAes256(plaintext, passphrase);
const fresh = () => header(`${BASE}:${unixNow()}`);
/** A legacy route that needs a token: without one it answers 401 −101, which proves the filter let it through. */
const LEGACY = '/v1/schedules/years/2021/months/5';

describe('Request-Security filter (legacy-api.md §0.4)', () => {
  let gateway: GatewayHarness;
  let base: string;
  const get = (path: string, headers: Record<string, string> = {}) => httpRequest(`${base}${path}`, { headers });
  const withSecurity = async (value: string) => {
    const res = await get(LEGACY, { 'request-security': value });
    return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    gateway = await startGatewayHarness({ env: SECURITY_ENV });
    base = gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => gateway.close());

  it('a valid value works once, and a repeat gets 407 without a code', async () => {
    const value = fresh();
    expect(await withSecurity(value)).toEqual({ status: 401, body: expect.objectContaining({ code: -101 }) });
    const replay = await withSecurity(value);
    expect(replay).toEqual({ status: 407, body: REJECTED });
    expect(replay.body).not.toHaveProperty('code');
  });

  it('a request with a valid value reaches its route and succeeds', async () => {
    const res = await get(LEGACY, { 'request-security': fresh(), authorization: `Bearer ${TOKEN.student1}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ status: 200, code: 0, schedules: expect.any(Array) });
  });

  it('the master key plaintext skips the check and is reusable', async () => {
    const master = header('temporary_master_key');
    for (let i = 0; i < 3; i += 1) expect((await withSecurity(master)).status).toBe(401);
  });

  it.each([
    ['no header', undefined],
    ['not a ciphertext', 'hello'],
    ['base64 that is not aes-everywhere', Buffer.from('x'.repeat(40)).toString('base64')],
    ['another passphrase', encryptAes256(`${BASE}:${unixNow()}`, 'someone-else')],
    ['another base text', encryptAes256(`other-base:${unixNow()}`, PASSPHRASE)],
    ['no time', encryptAes256(`${BASE}:`, PASSPHRASE)],
    ['a short time', encryptAes256(`${BASE}:12345`, PASSPHRASE)],
    ['a stale time (10 minutes old)', encryptAes256(`${BASE}:${unixNow() - 600}`, PASSPHRASE)],
    ['a time 10 minutes ahead', encryptAes256(`${BASE}:${unixNow() + 600}`, PASSPHRASE)],
  ])('%s → 407', async (_name, value) => {
    const res = await get(LEGACY, value === undefined ? {} : { 'request-security': value });
    expect({ status: res.status, body: JSON.parse(res.text) as unknown }).toEqual({ status: 407, body: REJECTED });
  });

  it('guards unknown paths too (the legacy filter ran before routing)', async () => {
    expect((await get('/v1/no-such-route')).status).toBe(407);
  });

  it.each(['/graphql', '/healthz', '/readyz', '/metrics', '/graphiql', '/graphiql/assets/explorer-0.js'])(
    'exempts the gateway endpoint %s',
    async (path) => {
      const res = await get(path, { accept: 'text/html' });
      expect(res.status).not.toBe(407);
    },
  );

  it('exempts /graphql operations', async () => {
    const res = await gateway.graphql('{ __typename }');
    expect(res.status).toBe(200);
  });

  it('exempts the consul-change route (it answers its own 407 only without the index header)', async () => {
    const res = await httpRequest(`${base}/events/types/consul-change`, {
      method: 'POST',
      headers: { 'x-consul-index': '7', type: 'checks' },
    });
    expect(res.status).toBe(200);
  });

  it('answers CORS preflights before the filter', async () => {
    const res = await httpRequest(`${base}${LEGACY}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, request-security',
      },
    });
    expect(res.status).toBe(204);
    expect(String(res.headers['access-control-allow-headers'])).toContain('Request-Security');
  });
});

describe('Request-Security off (no passphrase)', () => {
  let gateway: GatewayHarness;
  afterAll(() => gateway.close());

  it('legacy routes need no header', async () => {
    gateway = await startGatewayHarness();
    const res = await httpRequest(gateway.url.replace(/\/graphql$/, LEGACY));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ code: -101 });
  });
});

/** Two filters on one Redis stand for two gateway replicas. */
describe('Request-Security used values in Redis', () => {
  const logger = createLogger({ name: 'request-security-test', level: 'silent' });
  const options = { ...{ passphrase: PASSPHRASE, basePlain: BASE }, maxAgeMs: 300_000, memoryMaxEntries: 100 };
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    await redis.flushdb();
  });
  afterAll(() => redis.quit());

  /** Runs a guard on a fake request; returns the status it answered, or "passed". */
  async function run(guard: ReturnType<typeof createRequestSecurity>['guard'], value: string) {
    let status: number | undefined;
    const res = {
      writeHead(s: number) {
        status = s;
        return res;
      },
      end: () => res,
    };
    const req = { method: 'GET', url: LEGACY, headers: { 'request-security': value } };
    const answered = await guard({
      req: req as never,
      res: res as never,
      requestId: 'test',
      clientIp: '127.0.0.1',
      route: undefined,
    });
    return answered ? status : 'passed';
  }

  it('a value used on one replica is refused on another, and Redis forgets it after the window', async () => {
    const clients = [new Redis(REDIS_URL, { lazyConnect: true }), new Redis(REDIS_URL, { lazyConnect: true })];
    await Promise.all(clients.map((c) => c.connect()));
    const a = createRequestSecurity({ ...options, redisClient: clients[0], logger });
    const b = createRequestSecurity({ ...options, redisClient: clients[1], logger });
    try {
      const value = fresh();
      expect(await run(a.guard, value)).toBe('passed');
      expect(await run(b.guard, value)).toBe(407);
      expect(await run(a.guard, value)).toBe(407);
      const keys = await redis.keys('request-security:used:*');
      expect(keys).toHaveLength(1);
      const ttl = await redis.pttl(keys[0] as string);
      // Kept until the value's time leaves the 300 s window (+1 s for the truncated second), never longer.
      expect(ttl).toBeGreaterThan(290_000);
      expect(ttl).toBeLessThanOrEqual(301_000);
    } finally {
      await a.close();
      await b.close();
      await Promise.all(clients.map((c) => c.quit()));
    }
  });
});
