import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createRedisPersistedQueries } from '../../../cache/redis-persisted-queries';
import { createRedisResponseStore, partitionOf } from '../../../cache/redis-response-store';
import type { ResponseStore } from '../../../cache/response-store';
import { createLogger } from '../../../core/logger';
import { testRedisOptions } from '../../helpers/test-redis';

const logger = createLogger({ name: 't', level: 'silent' });
const PARTITIONS = 4;

/**
 * The store's partitioned layout (how it spreads over a Redis Cluster's primaries), on the shared test Redis:
 * every key of a partition carries the partition's hash tag, and a write's invalidation and a flush reach entries
 * of every partition. The same code runs on a real cluster in test/clusters/.
 */
describe('redis response store: hash-tag partitions', () => {
  const redis = new Redis(testRedisOptions(11));
  const prefix = `dms:test-parts:${randomUUID()}:`;
  const stores: ResponseStore[] = [];
  const open = () => {
    const store = createRedisResponseStore({
      client: redis,
      logger,
      prefix,
      partitions: PARTITIONS,
      maxStalenessMs: 60_000,
      maxTtlMs: 60_000,
    });
    stores.push(store);
    return store;
  };
  /** One key per partition (named after the test), so each test touches all of them. */
  const keysFor = (name: string) => {
    const keys: string[] = [];
    for (let i = 0; keys.length < PARTITIONS; i += 1) {
      const key = `${name}-${i}`;
      if (!keys.some((k) => partitionOf(k, PARTITIONS) === partitionOf(key, PARTITIONS))) keys.push(key);
    }
    return keys;
  };
  const fill = async (store: ResponseStore, keys: string[], tag: string) => {
    for (const key of keys) {
      const lookup = await store.get(key);
      expect(lookup.hit).toBe(false);
      await store.set(key, `{"key":"${key}"}`, [tag], 60_000, (lookup as { readAt: number }).readAt);
    }
  };
  const hits = async (store: ResponseStore, keys: string[]) =>
    (await Promise.all(keys.map((key) => store.get(key)))).filter((l) => l.hit).length;

  beforeAll(async () => {
    await redis.ping();
  });
  afterAll(async () => {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (batch.length > 0) await redis.del(...batch);
    } while (cursor !== '0');
    for (const store of stores) await store.close();
    redis.disconnect();
  });

  it('keeps every key of an entry, its tag sets and markers under its partition hash tag', async () => {
    const store = open();
    const keys = keysFor('layout');
    await fill(store, keys, 'T');
    expect(await hits(store, keys)).toBe(PARTITIONS);
    for (const key of keys) {
      const k = partitionOf(key, PARTITIONS);
      expect(await redis.exists(`${prefix}{${k}}:r:${key}`)).toBe(1);
      expect(await redis.zrange(`${prefix}{${k}}:t:T`, 0, -1)).toEqual([`${prefix}{${k}}:r:${key}`]);
    }
  });

  it('a write on one replica drops the tagged entries of every partition, seen at once by another', async () => {
    const a = open();
    const b = open();
    const keys = keysFor('shared');
    await fill(a, keys, 'U');
    expect(await hits(b, keys)).toBe(PARTITIONS);
    await a.invalidate(['U']);
    expect(await hits(b, keys)).toBe(0);
    for (let k = 0; k < PARTITIONS; k += 1) expect(await redis.exists(`${prefix}{${k}}:i:U`)).toBe(1);
  });

  it('refuses to store, in any partition, a read that started before an invalidation of its tag', async () => {
    const store = open();
    const keys = keysFor('race');
    const reads = await Promise.all(keys.map((key) => store.get(key)));
    await store.invalidate(['V']);
    await Promise.all(
      keys.map((key, i) => store.set(key, '{}', ['V'], 60_000, (reads[i] as { readAt: number }).readAt)),
    );
    expect(await hits(store, keys)).toBe(0);
  });

  it('a flush moves the epoch of every partition: no fresh or stale entry survives it', async () => {
    const store = open();
    const keys = keysFor('flush');
    await fill(store, keys, 'W');
    await store.invalidateAll();
    expect(await hits(store, keys)).toBe(0);
    for (const key of keys) expect(await store.get(key)).toMatchObject({ hit: false, stale: undefined });
  });

  it('after losing its connection the store drops every entry before it serves one again', async () => {
    const client = new Redis(testRedisOptions(11));
    const store = createRedisResponseStore({
      client,
      logger,
      prefix,
      partitions: PARTITIONS,
      maxStalenessMs: 0,
      maxTtlMs: 60_000,
    });
    try {
      await client.ping();
      const keys = keysFor('failover');
      await fill(store, keys, 'X');
      expect(await hits(store, keys)).toBe(PARTITIONS);
      // A failover: the new primary may lack what the old one acknowledged last (an invalidation among them).
      client.disconnect(true);
      await new Promise<void>((resolve) => client.once('ready', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await hits(store, keys)).toBe(0);
      expect(store.status().healthy).toBe(true);
    } finally {
      await store.close();
      client.disconnect();
    }
  });
});

describe('redis persisted queries (APQ)', () => {
  const redis = new Redis(testRedisOptions(11));
  const prefix = `dms:test-apq:${randomUUID()}:`;

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('a query registered through one replica is found through another, and each use extends its life', async () => {
    await redis.ping();
    const a = createRedisPersistedQueries({ client: redis, logger, prefix, idleTtlMs: 60_000 });
    const b = createRedisPersistedQueries({ client: redis, logger, prefix, idleTtlMs: 60_000 });
    await a.set('apq:abc', '{ clubs { id } }');
    await redis.pexpire(`${prefix}apq:abc`, 5_000);
    expect(await b.get('apq:abc')).toBe('{ clubs { id } }');
    expect(await redis.pttl(`${prefix}apq:abc`)).toBeGreaterThan(50_000);
    expect(await b.get('apq:unknown')).toBeUndefined();
  });

  it('answers "not found" rather than failing while Redis is unreachable', async () => {
    const down = new Redis({ ...testRedisOptions(11), port: 1, lazyConnect: true, enableOfflineQueue: false });
    const store = createRedisPersistedQueries({ client: down, logger, prefix });
    await expect(store.get('apq:abc')).resolves.toBeUndefined();
    await expect(store.set('apq:def', 'query { x }')).resolves.toBeUndefined();
    // Registered here a moment ago: known to this process without Redis.
    await expect(store.get('apq:def')).resolves.toBe('query { x }');
    down.disconnect();
  });
});
