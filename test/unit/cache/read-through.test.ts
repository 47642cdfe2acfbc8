import { parse } from 'graphql';
import type { Caller } from '../../../core/access-tokens';
import { UnavailableReason } from '../../../core/error-codes';
import { ServiceUnavailableError } from '../../../core/errors';
import { createMemoryResponseStore } from '../../../cache/memory-response-store';
import { createResponseCache, type CacheableRead, type ReadRun } from '../../../cache/response-cache';

/**
 * `ResponseCache.read`, the read-through both front doors use: one counted lookup, the read on a miss, its entry
 * kept with its tags, the stale copy for an outage. In-memory store on a clock the test moves; no sockets.
 */
const TEACHER: Caller = { role: 'teacher', uuid: 'teacher-000000000001' };
const outage = () => new ServiceUnavailableError(UnavailableReason.CIRCUIT_OPEN, 'circuit breaker is open for club');

function setup() {
  let now = 1_000_000;
  const store = createMemoryResponseStore({ maxStalenessMs: 3_600_000, maxEntries: 100, now: () => now });
  const kept: Array<{ tags: string[]; ttlMs: number }> = [];
  const set = store.set.bind(store);
  store.set = (key, body, tags, ttlMs, readAt) => {
    kept.push({ tags: [...tags], ttlMs });
    return set(key, body, tags, ttlMs, readAt);
  };
  const lookups: string[] = [];
  const cache = createResponseCache({
    store,
    ttls: { defaultMs: 60_000, timetableMs: 86_400_000 },
    onLookup: (front, result) => lookups.push(`${front}:${result}`),
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { cache, kept, lookups, settle, later: (ms: number) => (now += ms) };
}

/** Route 21's read as the REST layer hands it over, answered by `run`. */
function restRead(run: () => Promise<ReadRun<string>>): CacheableRead<string> {
  return {
    request: { rest: { routeId: 21, params: { teacher_uuid: 't-1' }, query: '', body: {} } },
    scope: 'PRIVATE',
    caller: TEACHER,
    ttlMs: 60_000,
    run,
  };
}

describe('the response cache read-through', () => {
  it('runs a miss, keeps its entry with its own tags and its reads’ tags (id-less ones dropped), then hits', async () => {
    const { cache, kept, lookups, settle } = setup();
    const run = jest.fn(async () => ({
      value: 'ran',
      entry: { body: '{"code":0}', tags: ['Teacher', 'Teacher:'], reads: [{ field: 'clubs', args: {} }] },
    }));
    expect(await cache.read('rest', {}, restRead(run))).toEqual({ from: 'run', value: 'ran' });
    await settle();
    expect(kept).toHaveLength(1);
    expect(kept[0]?.tags).toEqual(expect.arrayContaining(['Teacher', 'clubs:lists']));
    expect(kept[0]?.tags).not.toContain('Teacher:');
    expect(await cache.read('rest', {}, restRead(run))).toEqual({ from: 'cache', body: '{"code":0}' });
    expect(run).toHaveBeenCalledTimes(1);
    expect(lookups).toEqual(['rest:miss', 'rest:hit']);
  });

  it('keeps nothing a read did not offer (a refusal, an error) and nothing with a TTL of 0', async () => {
    const { cache, kept, settle } = setup();
    await cache.read(
      'rest',
      {},
      restRead(async () => ({ value: 'refused' })),
    );
    await cache.read(
      'rest',
      {},
      { ...restRead(async () => ({ value: 'x', entry: { body: 'b', tags: [], reads: [] } })), ttlMs: 0 },
    );
    await settle();
    expect(kept).toEqual([]);
  });

  it('answers a thrown outage from the stale copy, and rethrows it when there is none', async () => {
    const { cache, lookups, settle, later } = setup();
    const fresh = async () => ({ value: 'ran', entry: { body: 'old answer', tags: [], reads: [] } });
    await expect(
      cache.read(
        'rest',
        {},
        restRead(async () => Promise.reject(outage())),
      ),
    ).rejects.toThrow('circuit');
    await cache.read('rest', {}, restRead(fresh));
    await settle();
    later(61_000);
    const answer = await cache.read(
      'rest',
      {},
      restRead(async () => Promise.reject(outage())),
    );
    expect(answer).toEqual({ from: 'stale', stale: { body: 'old answer', ageMs: 61_000 } });
    expect(lookups.slice(-2)).toEqual(['rest:miss', 'rest:stale']);
    // Anything else that fails is the caller's to answer, stale copy or not.
    await expect(
      cache.read(
        'rest',
        {},
        restRead(async () => Promise.reject(new Error('bug'))),
      ),
    ).rejects.toThrow('bug');
  });

  it('answers a GraphQL read that failed for an outage from its stale copy, keyed by the printed document without a remembered text', async () => {
    const { cache, settle, later } = setup();
    const read = (run: () => Promise<ReadRun<string>>): CacheableRead<string> => ({
      request: { graphql: { document: parse('{ clubCount }'), variables: undefined, fastPath: true } },
      scope: 'PUBLIC',
      caller: TEACHER,
      ttlMs: 60_000,
      run,
    });
    await cache.read(
      'graphql',
      {},
      read(async () => ({ value: 'v1', entry: { body: 'v1', tags: [], reads: [] } })),
    );
    await settle();
    later(61_000);
    expect(
      await cache.read(
        'graphql',
        {},
        read(async () => ({ value: 'failed', outage: 'only' })),
      ),
    ).toEqual({
      from: 'stale',
      stale: { body: 'v1', ageMs: 61_000 },
    });
    // A partly failed read with no stale copy is the execution's answer as it is.
    const other = { ...read(async () => ({ value: 'partly', outage: 'partly' as const })), scope: 'PRIVATE' as const };
    expect(await cache.read('graphql', {}, other)).toEqual({ from: 'run', value: 'partly' });
  });
});
