import type { ChildProcess } from 'node:child_process';
import { createAccessTokens } from '../../../core/access-tokens';
import { freePort } from '../../helpers/free-port';
import { TEST_JWT_SECRET } from '../../helpers/gateway';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';
import {
  eventually,
  startRedisServer,
  startTestGateway,
  stopRedisServer,
  switchableRegistry,
  type TestGateway,
} from './cache-gateways';

const S1 = createAccessTokens(TEST_JWT_SECRET).sign('student-000000000001').token;
const CALENDAR = 'query { calendar(year: 2026, month: 11) { id detail } }';

describe('response cache when Redis is down', () => {
  let services: ReferenceHarness;
  let port: number;
  let redis: ChildProcess | undefined;
  let gateway: TestGateway;
  let nowhere: TestGateway;
  const calls = () => Object.values(services.services.callCounts()).reduce((sum, n) => sum + n, 0);
  const readCost = async (g: TestGateway) => {
    const before = calls();
    const res = await g.graphql(CALENDAR, {}, S1);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    return calls() - before;
  };

  beforeAll(async () => {
    services = await startReferenceHarness();
    port = await freePort();
    redis = await startRedisServer(port);
    const registry = switchableRegistry(services);
    gateway = await startTestGateway(registry, { REDIS_URL: `redis://127.0.0.1:${port}/0` });
    // Nothing listens there.
    nowhere = await startTestGateway(registry, { REDIS_URL: `redis://127.0.0.1:${await freePort()}/0` });
  });
  afterAll(async () => {
    await gateway?.close();
    await nowhere?.close();
    await stopRedisServer(redis);
    await services?.close();
  });

  it('serves every request without a reachable Redis, and /readyz says the cache is degraded (still 200)', async () => {
    for (let i = 0; i < 3; i += 1) expect(await readCost(nowhere)).toBeGreaterThan(0);
    const ready = await nowhere.readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.cache).toMatchObject({ backend: 'redis', healthy: false, status: 'degraded' });
  });

  it('bypasses the cache while Redis is stopped and uses it again, by itself, once Redis is back', async () => {
    await eventually(gateway.readyz, (r) => r.body.cache.healthy);
    await readCost(gateway);
    expect(await readCost(gateway)).toBe(0);

    await stopRedisServer(redis);
    // Requests keep succeeding throughout, each answered by the service.
    for (let i = 0; i < 5; i += 1) expect(await readCost(gateway)).toBeGreaterThan(0);
    expect((await eventually(gateway.readyz, (r) => !r.body.cache.healthy)).body.cache.status).toBe('degraded');
    expect((await gateway.readyz()).status).toBe(200);

    redis = await startRedisServer(port);
    const recovered = await eventually(gateway.readyz, (r) => r.body.cache.healthy);
    expect(recovered.body.cache.status).toBe('ok');
    await readCost(gateway);
    expect(await readCost(gateway)).toBe(0);
  });
});
