import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import Redis from 'ioredis';
import { createAccessTokens } from '../../../core/access-tokens';
import { parseConfig, SERVICE_NAMES, type ServiceName } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { createGateway, type Gateway } from '../../../src/create-gateway';
import { TRAFFIC_LIMITS_OFF } from '../../helpers/gateway';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';
import { testRedisUrl } from '../../helpers/test-redis';

const REDIS_URL = testRedisUrl(13);

/** The gateway's own Redis clients (the response cache, the limiters) are traced inside the request's trace. */
describe('Redis commands in the request trace', () => {
  let services: ReferenceHarness;
  let gateway: Gateway;
  let url: string;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    services = await startReferenceHarness();
    gateway = await createGateway({
      config: parseConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        JWT_SECRET_KEY: 'redis-span-test',
        REDIS_URL,
        ...TRAFFIC_LIMITS_OFF,
      }),
      logger: createLogger({ name: 'redis-span-test', level: 'silent' }),
      registry: createStaticRegistry(
        Object.fromEntries(SERVICE_NAMES.map((s) => [s, [services.services.addresses[s]]])) as Record<
          ServiceName,
          string[]
        >,
      ),
      spanExporter: exporter,
    });
    url = `http://127.0.0.1:${await gateway.listen()}/graphql`;
  });
  afterAll(async () => {
    await gateway?.close();
    await services?.close();
  });

  it('records the cache lookups of a request as redis spans of its trace', async () => {
    const token = createAccessTokens('redis-span-test').sign('student-000000000001').token;
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query Clubs { clubs { id name } }' }),
      });
      expect(res.status).toBe(200);
    }
    await gateway.telemetry.tracing.flush();
    const spans = exporter.getFinishedSpans();
    const redisSpans = spans.filter((s) => s.name.startsWith('redis '));
    expect(redisSpans.length).toBeGreaterThan(0);
    const httpTraces = new Set(spans.filter((s) => s.name === 'POST /graphql').map((s) => s.spanContext().traceId));
    for (const span of redisSpans) {
      expect(httpTraces.has(span.spanContext().traceId)).toBe(true);
      expect(span.attributes['db.system']).toBe('redis');
    }
  });
});
