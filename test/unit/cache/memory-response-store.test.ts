import { parse } from 'graphql';
import { createMemoryResponseStore } from '../../../cache/memory-response-store';
import { getOperationAST } from 'graphql';
import { planCachePolicy } from '../../../src/graphql/operation-plan/plan-cache-policy';
import { selectFields } from '../../../src/graphql/operation-plan/selected-fields';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';

describe('in-memory response store', () => {
  let now = 0;
  const store = () => createMemoryResponseStore({ maxStalenessMs: 1000, maxEntries: 3, now: () => now });
  beforeEach(() => {
    now = 10_000;
  });

  const miss = async (s: ReturnType<typeof store>, key: string) => {
    const lookup = await s.get(key);
    if (lookup.hit) throw new Error(`unexpected hit for ${key}`);
    return lookup.readAt;
  };

  it('answers fresh entries, then only stale lookups until the maximum staleness, then nothing', async () => {
    const s = store();
    await s.set('k', 'body', ['t'], 100, await miss(s, 'k'));
    expect(await s.get('k')).toEqual({ hit: true, body: 'body' });
    now += 150;
    expect(await s.get('k')).toEqual({ hit: false, readAt: expect.any(Number), stale: { body: 'body', ageMs: 150 } });
    now += 1000;
    expect(await s.get('k')).toEqual({ hit: false, readAt: expect.any(Number), stale: undefined });
  });

  it('drops every entry carrying an invalidated tag, and only those', async () => {
    const s = store();
    await s.set('a', 'A', ['x', 'y'], 100, await miss(s, 'a'));
    await s.set('b', 'B', ['y'], 100, await miss(s, 'b'));
    await s.set('c', 'C', ['z'], 100, await miss(s, 'c'));
    await s.invalidate(['y']);
    expect((await s.get('a')).hit).toBe(false);
    expect((await s.get('b')).hit).toBe(false);
    expect(await s.get('a')).toMatchObject({ hit: false, stale: undefined });
    expect(await s.get('c')).toEqual({ hit: true, body: 'C' });
  });

  it('does not store a result read before a write invalidated one of its tags', async () => {
    const s = store();
    const readAt = await miss(s, 'k');
    await s.invalidate(['t']);
    await s.set('k', 'old', ['t'], 100, readAt);
    expect((await s.get('k')).hit).toBe(false);
    await s.set('k', 'new', ['t'], 100, await miss(s, 'k'));
    expect(await s.get('k')).toEqual({ hit: true, body: 'new' });
    await s.invalidateAll();
    expect((await s.get('k')).hit).toBe(false);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const s = store();
    for (const key of ['a', 'b', 'c', 'd']) await s.set(key, key, [], 100, await miss(s, key));
    expect((await s.get('a')).hit).toBe(false);
    expect((await s.get('d')).hit).toBe(true);
  });
});

describe('the cache policy of an operation plan (scope)', () => {
  const schema = createExecutableSchema();
  const policyOf = (query: string) => {
    const document = parse(query);
    const operation = getOperationAST(document)!;
    return planCachePolicy(operation.operation, selectFields(schema, document, operation), {
      defaultMs: 60_000,
      timetableMs: 86_400_000,
    });
  };
  const scopeOf = (query: string) => policyOf(query).scope;

  it.each([
    ['{ clubs { id name } calendar(year: 2026, month: 11) { id } }', 'PUBLIC'],
    ['{ clubs { id leader { name phoneNumber } } }', 'PRIVATE'],
    ['{ myOutings { id } }', 'PRIVATE'],
    ['{ clubs { id } myOutings { id } }', 'PRIVATE'],
    ['{ me { id ... on Student { parentStatus } } }', 'NONE'],
    ['{ outingByConfirmCode(code: "confirm-000000000001") { id } }', 'NONE'],
    ['{ __schema { queryType { name } } }', 'NONE'],
    ['mutation { deleteClub(id: "club-000000000001") }', 'NONE'],
  ])('%s → %s', (query, scope) => {
    expect(scopeOf(query)).toBe(scope);
  });

  it('tags lists that show view counts', () => {
    const policy = policyOf('{ announcements(type: SCHOOL) { items { views } } }');
    expect(policy.selectionTags).toEqual(['announcements:views']);
  });

  it('keeps a timetable fresh for the timetable TTL, the smallest TTL winning', () => {
    expect(policyOf('{ timetable(date: "2026-12-07") { date } }').ttlMs).toBe(86_400_000);
    expect(policyOf('{ timetable(date: "2026-12-07") { date } clubs { id } }').ttlMs).toBe(60_000);
  });
});
