import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createRedisResponseStore } from '../../../cache/redis-response-store';
import { createLogger } from '../../../core/logger';
import { testRedisOptions } from '../../helpers/test-redis';

/**
 * The tag sets of the Redis store stay as large as their live entries, at a cost proportional to what leaves.
 * Regression: the store used to scan a whole tag set every 256 additions; with an hour of staleness and many
 * distinct answers (unique variables) a set held hundreds of thousands of keys and one write blocked Redis for
 * 0.4 s, which the 10-minute soak (bench/soak.mjs) showed as throughput falling by a third.
 */
/**
 * Long enough for 300 sequential store round trips on a loaded 2-core machine (they took over a second while the
 * whole integration tier ran beside them, and the first entries expired before they were counted).
 */
const SHORT_TTL_MS = 3000;

describe('redis response store: tag sets stay bounded', () => {
  const redis = new Redis(testRedisOptions(11));
  const prefix = `dms:test-tags:${randomUUID()}:`;
  const store = createRedisResponseStore({
    client: redis,
    logger: createLogger({ name: 't', level: 'silent' }),
    prefix,
    maxStalenessMs: 0,
    maxTtlMs: SHORT_TTL_MS,
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await store.close();
    redis.disconnect();
  });

  it('drops members whose entry expired as new entries are tagged, and invalidates what is live', async () => {
    await redis.ping();
    for (let i = 0; i < 300; i += 1) {
      const { readAt } = (await store.get(`short-${i}`)) as { readAt: number };
      await store.set(`short-${i}`, `{"n":${i}}`, ['T'], SHORT_TTL_MS, readAt);
    }
    expect(await redis.zcard(`${prefix}{0}:t:T`)).toBe(300);
    await new Promise((resolve) => setTimeout(resolve, SHORT_TTL_MS + 100));
    const { readAt } = (await store.get('live')) as { readAt: number };
    await store.set('live', '{"live":true}', ['T'], 60_000, readAt);
    expect(await redis.zcard(`${prefix}{0}:t:T`)).toBe(1);
    expect(await store.get('live')).toMatchObject({ hit: true });
    await store.invalidate(['T']);
    expect(await store.get('live')).toMatchObject({ hit: false });
    expect(await redis.exists(`${prefix}{0}:t:T`)).toBe(0);
  });
});
