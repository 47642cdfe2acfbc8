import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

// In-process counters and blocks (no REDIS_URL): the embedded default.
const QUERY = JSON.stringify({ query: '{ __typename }' });

function client(gateway: GatewayHarness) {
  const base = gateway.url.replace('/graphql', '');
  return {
    health: (headers: Record<string, string> = {}) => fetch(`${base}/healthz`, { headers }),
    graphql: (headers: Record<string, string> = {}) =>
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY }),
  };
}

describe('flood guard', () => {
  describe('defaults (50 per second), short block', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      // Production: loopback is an address like any other there (development allowlists it; tested below).
      gateway = await startGatewayHarness({
        env: { NODE_ENV: 'production', FLOOD_THRESHOLD: '50', FLOOD_BLOCK_SECONDS: '1' },
      });
    });
    afterAll(() => gateway?.close());

    it('serves 50 requests in a second, answers the 51st with 429, then 403 IP_BLOCKED until the block ends', async () => {
      const http = client(gateway);
      const burst = await Promise.all(Array.from({ length: 50 }, () => http.health()));
      expect(burst.map((r) => r.status)).toEqual(Array(50).fill(200));

      const tripped = await http.graphql();
      expect(tripped.status).toBe(429);
      expect(tripped.headers.get('retry-after')).toBe('1');
      expect(await tripped.json()).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', retryAfter: 1 } }],
      });

      const blockedGraphQL = await http.graphql();
      expect(blockedGraphQL.status).toBe(403);
      expect(await blockedGraphQL.json()).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'IP_BLOCKED', retryAfter: 1 } }],
      });
      const blockedRest = await http.health();
      expect(blockedRest.status).toBe(403);
      // The legacy envelope off /graphql, with the wait.
      expect(blockedRest.headers.get('retry-after')).toBe('1');
      expect(await blockedRest.json()).toEqual({ status: 403, code: 0, message: expect.any(String) });

      // The block ends by itself (1 s here); poll with a generous bound.
      let status = 403;
      for (let i = 0; i < 40 && status === 403; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await http.health()).status;
      }
      expect(status).toBe(200);

      const metrics = await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
      expect(metrics).toMatch(/^gateway_ip_blocks_total 1$/m);
      expect(metrics).toMatch(/^gateway_rate_limit_rejections_total\{limiter="flood"\} 1$/m);
      expect(Number(/^gateway_blocked_ip_rejections_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    });
  });

  describe('development defaults', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      // The embedded default's flood settings (only FLOOD_THRESHOLD is set back to its default: the harness turns
      // the guard off for every other suite).
      gateway = await startGatewayHarness({ env: { FLOOD_THRESHOLD: '50' } });
    });
    afterAll(() => gateway?.close());

    it("never counts loopback in development: a local audit's 61 parallel requests do not block /healthz for a minute", async () => {
      const http = client(gateway);
      const burst = await Promise.all(Array.from({ length: 61 }, (_, i) => (i % 2 ? http.health() : http.graphql())));
      expect(burst.map((r) => r.status)).toEqual(Array(61).fill(200));
      expect((await http.health()).status).toBe(200);
    });
  });

  describe('allowlist', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      gateway = await startGatewayHarness({ env: { FLOOD_THRESHOLD: '5', FLOOD_ALLOWLIST: '127.0.0.0/8,::1' } });
    });
    afterAll(() => gateway?.close());

    it('never counts an allowlisted health checker', async () => {
      const statuses = await Promise.all(Array.from({ length: 30 }, () => client(gateway).health()));
      expect(statuses.every((r) => r.status === 200)).toBe(true);
    });
  });

  describe('X-Forwarded-For from an untrusted peer', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      gateway = await startGatewayHarness({
        env: { NODE_ENV: 'production', FLOOD_THRESHOLD: '5', FLOOD_BLOCK_SECONDS: '60' },
      });
    });
    afterAll(() => gateway?.close());

    it('is ignored: a new spoofed address per request does not escape the count', async () => {
      const http = client(gateway);
      for (let i = 0; i < 5; i += 1)
        expect((await http.health({ 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(200);
      expect((await http.health({ 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
      expect((await http.health({ 'x-forwarded-for': '203.0.113.100' })).status).toBe(403);
    });
  });

  describe('X-Forwarded-For from a trusted proxy', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      gateway = await startGatewayHarness({
        env: { FLOOD_THRESHOLD: '5', FLOOD_BLOCK_SECONDS: '60', TRUSTED_PROXIES: '127.0.0.1,::1' },
      });
    });
    afterAll(() => gateway?.close());

    it('is honoured: each forwarded client is counted and blocked on its own', async () => {
      const http = client(gateway);
      const flooder = { 'x-forwarded-for': '198.51.100.7' };
      for (let i = 0; i < 5; i += 1) expect((await http.health(flooder)).status).toBe(200);
      expect((await http.health(flooder)).status).toBe(429);
      expect((await http.graphql(flooder)).status).toBe(403);
      // A client prepending a fake address gets nothing: the right-most untrusted hop is still the flooder.
      expect((await http.health({ 'x-forwarded-for': '1.1.1.1, 198.51.100.7' })).status).toBe(403);
      expect((await http.health({ 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
      expect((await http.graphql({ 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    });
  });
});
