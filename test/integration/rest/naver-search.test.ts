import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { createHttpNaverLocalSearch, TWIN_PLACES } from '../../../rest/naver/naver-local-search';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { TOKEN, type Who } from './route-case';
import { testRedisUrl } from '../../helpers/test-redis';

const REDIS_URL = testRedisUrl(8);
const ROUTE = '/naver-open-api/search/local';

const NAVER_PLACE = {
  title: '<b>카페</b> 장동',
  link: 'https://cafe.example',
  category: '카페,디저트',
  telephone: '042-111-2222',
  address: '대전광역시 유성구 장동 1',
  roadAddress: '대전광역시 유성구 가정북로 1',
  mapx: '352000',
  mapy: '422000',
};

/** A loopback stand-in for openapi.naver.com: records each request and answers by keyword. */
async function startFakeNaver(): Promise<{ url: string; requests: IncomingMessage[]; close(): Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    const keyword = new URL(req.url ?? '/', 'http://x').searchParams.get('query');
    if (keyword === 'denied') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errorMessage: 'Not Exist Client ID : Authentication failed. (인증에 실패했습니다.)',
          errorCode: '024',
        }),
      );
    } else if (keyword === 'html-error') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
    } else if (keyword === 'garbled') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [');
    } else if (keyword === 'slow') {
      setTimeout(() => res.writeHead(200).end('{}'), 2000).unref();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          lastBuildDate: 'Tue, 04 Oct 2016 14:54:38 +0900',
          total: 1,
          start: 1,
          display: 1,
          items: [{ ...NAVER_PLACE, extra: 'dropped' }],
        }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/search/local.json`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function search(base: string, who: Who, query: string | undefined) {
  const path = query === undefined ? ROUTE : `${ROUTE}?keyword=${encodeURIComponent(query)}`;
  const res = await httpRequest(`${base}${path}`, { headers: who ? { authorization: `Bearer ${TOKEN[who]}` } : {} });
  return { http: res.status, ...(JSON.parse(res.text) as Record<string, unknown>) };
}

const baseOf = (gateway: GatewayHarness) => gateway.url.replace(/\/graphql$/, '');

describe('route 70 off by default', () => {
  let gateway: GatewayHarness;
  afterAll(() => gateway.close());

  it('is an unknown route (404)', async () => {
    gateway = await startGatewayHarness();
    const res = await httpRequest(`${baseOf(gateway)}${ROUTE}?keyword=x`, {
      headers: { authorization: `Bearer ${TOKEN.student1}` },
    });
    expect(res.status).toBe(404);
  });
});

describe('route 70 with the in-memory twin (credentials unset), limits in Redis', () => {
  let gateway: GatewayHarness;
  let redis: Redis;
  let base: string;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    await redis.flushdb();
    gateway = await startGatewayHarness({ env: { NAVER_SEARCH_ENABLED: 'true', REDIS_URL } });
    base = baseOf(gateway);
    // The limiter counts in-process until its Redis connection is ready; wait for it (bounded).
    for (let i = 0; i < 100; i += 1) {
      const ready = JSON.parse((await httpRequest(`${base}/readyz`)).text) as { limits: { degraded: boolean } };
      if (!ready.limits.degraded) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => {
    await gateway.close();
    await redis.quit();
  });

  it('answers the legacy envelope with the places', async () => {
    const reply = await search(base, 'student1', '장동');
    expect(reply).toEqual({
      http: 200,
      status: 200,
      code: 0,
      message: 'succeed to get place list from naver open api',
      item: TWIN_PLACES.filter((p) => p.address.includes('장동')),
      lastBuildDate: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0900$/),
      total: 2,
      start: 1,
      display: 2,
    });
  });

  it('allows one call per user per 5 s (423 code 0), counted in Redis', async () => {
    expect(await search(base, 'student1', '장동')).toMatchObject({ http: 423, status: 423, code: 0 });
    // Another user has a slot of their own.
    expect(await search(base, 'teacher1', '분식')).toMatchObject({ http: 200, total: 1 });
    expect(await redis.exists('traffic:count:naver:user:student-000000000001')).toBe(1);
  });

  it.each([
    ['no keyword', undefined, 'required'],
    ['an empty keyword', '', 'required'],
    ['101 characters', '가'.repeat(101), 'max'],
  ])('%s → 400 −203, without using the slot', async (_name, keyword, tag) => {
    expect(await search(base, 'student2', keyword)).toEqual({
      http: 400,
      status: 400,
      code: -203,
      message: expect.stringContaining(
        `Key: 'GetPlaceWithNaverOpenAPIRequest.Keyword' Error:Field validation for 'Keyword' failed on the '${tag}' tag`,
      ),
    });
  });

  it('100 characters are accepted (and the 400s above left the slot free)', async () => {
    expect(await search(base, 'student2', '가'.repeat(100))).toMatchObject({ http: 200, total: 0, item: [] });
  });

  it('needs a token (401 −101)', async () => {
    expect(await search(base, null, '장동')).toMatchObject({ http: 401, code: -101 });
  });
});

describe('route 70 over HTTP (a loopback fake stands in for Naver)', () => {
  let naver: Awaited<ReturnType<typeof startFakeNaver>>;
  let gateway: GatewayHarness;
  let base: string;

  beforeAll(async () => {
    naver = await startFakeNaver();
    gateway = await startGatewayHarness({
      env: {
        NAVER_SEARCH_ENABLED: 'true',
        NAVER_CLIENT_ID: 'client-id',
        NAVER_CLIENT_SECRET: 'client-secret',
        NAVER_SEARCH_URL: naver.url,
      },
    });
    base = baseOf(gateway);
  });
  afterAll(async () => {
    await gateway.close();
    await naver.close();
  });

  it('calls Naver as the legacy gateway did and passes the places on', async () => {
    expect(await search(base, 'student1', '카페 & 빵')).toEqual({
      http: 200,
      status: 200,
      code: 0,
      message: 'succeed to get place list from naver open api',
      item: [NAVER_PLACE],
      lastBuildDate: 'Tue, 04 Oct 2016 14:54:38 +0900',
      total: 1,
      start: 1,
      display: 1,
    });
    const req = naver.requests.at(-1) as IncomingMessage;
    const url = new URL(req.url ?? '', 'http://x');
    expect(url.pathname).toBe('/v1/search/local.json');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      start: '1',
      display: '5',
      sort: 'comment',
      query: '카페 & 빵',
    });
    expect(req.headers['x-naver-client-id']).toBe('client-id');
    expect(req.headers['x-naver-client-secret']).toBe('client-secret');
  });

  it("passes Naver's non-200 through as that status", async () => {
    expect(await search(base, 'student2', 'denied')).toEqual({
      http: 401,
      status: 401,
      code: 0,
      message:
        'unexpected error occurs while decoding response body from naver open api, reason: Not Exist Client ID : Authentication failed. (인증에 실패했습니다.)',
    });
  });

  it('passes a non-JSON error page through as its status too', async () => {
    expect(await search(base, 'student3', 'html-error')).toMatchObject({ http: 502, status: 502, code: 0 });
  });

  it('an undecodable 200 → 500 code 0', async () => {
    expect(await search(base, 'teacher1', 'garbled')).toEqual({
      http: 500,
      status: 500,
      code: 0,
      message: 'unexpected error occurs while decoding response body from naver open api',
    });
  });
});

describe('HTTP Naver adapter', () => {
  let naver: Awaited<ReturnType<typeof startFakeNaver>>;
  beforeAll(async () => {
    naver = await startFakeNaver();
  });
  afterAll(() => naver.close());

  const adapter = (url: string, timeoutMs = 1000) =>
    createHttpNaverLocalSearch({ url, clientId: 'id', clientSecret: 'secret', timeoutMs });

  it('reads the places, keeping only the legacy fields', async () => {
    expect(await adapter(naver.url).search('카페')).toEqual({
      kind: 'ok',
      result: {
        lastBuildDate: 'Tue, 04 Oct 2016 14:54:38 +0900',
        total: 1,
        start: 1,
        display: 1,
        items: [NAVER_PLACE],
      },
    });
  });

  it("reports Naver's error status and message", async () => {
    expect(await adapter(naver.url).search('denied')).toMatchObject({ kind: 'status', status: 401 });
  });

  it('a call that times out is a send failure (and did not wait for the slow answer)', async () => {
    const started = Date.now();
    expect(await adapter(naver.url, 200).search('slow')).toMatchObject({ kind: 'failed', stage: 'send' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('an unreachable endpoint is a send failure', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    expect(await adapter(`http://127.0.0.1:${port}/v1/search/local.json`).search('x')).toMatchObject({
      kind: 'failed',
      stage: 'send',
    });
  });
});
