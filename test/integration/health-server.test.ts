import { startHealthServer, type HealthServer, type ReadinessReport } from '../../src/health-server';

describe('health server', () => {
  let server: HealthServer;
  let report: ReadinessReport;
  const none = { instances: [] as string[] };

  beforeAll(async () => {
    report = {
      ready: true,
      upstreams: { auth: none, club: none, outing: none, schedule: none, announcement: none },
    };
    server = await startHealthServer('127.0.0.1', 0, () => report);
  });
  afterAll(() => server.close());

  const get = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${server.port}${path}`, { method });

  it('answers liveness', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness with 200 when ready and 503 when not', async () => {
    expect((await get('/readyz')).status).toBe(200);
    report = { ...report, ready: false };
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, upstreams: { auth: { instances: [] } } });
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/healthz', 'POST')).status).toBe(405);
  });
});
