import type Redis from 'ioredis';
import { createAccessTokens } from '../../../core/access-tokens';
import { operation, TEST_JWT_SECRET } from '../../helpers/gateway';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';
import {
  cleanRedis,
  eventually,
  sleep,
  startTestGateway,
  switchableRegistry,
  type SwitchableRegistry,
  type TestGateway,
} from './cache-gateways';
import { testRedisUrl } from '../../helpers/test-redis';

// This suite's own Redis database, flushed before use.
const DB = 11;
const REDIS_URL = testRedisUrl(DB);

const tokens = createAccessTokens(TEST_JWT_SECRET);
const tokenOf = (uuid: string) => tokens.sign(uuid).token;
const STUDENT1 = 'student-000000000001';
const STUDENT2 = 'student-000000000002';
const TEACHER = tokenOf('teacher-000000000001');
const ADMIN = tokenOf('admin-000000000001');
const S1 = tokenOf(STUDENT1);
const S2 = tokenOf(STUDENT2);
const PARENT = tokenOf('parent-000000000001');

const MY_OUTINGS = operation('outing/my-outings');
const OUTINGS = operation('outing/outings');
const OUTING = operation('outing/outing');
const OUTING_CARD = operation('outing/outing-card');
const CALENDAR = 'query Calendar($month: Int!) { calendar(year: 2026, month: $month) { id detail } }';
const TIMETABLE = operation('schedule/timetable');
const ANNOUNCEMENTS = operation('announcement/announcements');
const UNREAD = operation('announcement/unread-announcements');
const CHILDREN = 'query { me { id ... on Parent { children { id name } } ... on Student { name } } }';
const CLUB = 'query Club($id: ID!) { club(id: $id) { id concept } }';
const CLUBS = 'query { clubs { id concept } }';

describe('response cache on Redis', () => {
  let services: ReferenceHarness;
  let registry: SwitchableRegistry;
  let a: TestGateway;
  let b: TestGateway;
  let redis: Redis;
  const calls = () => Object.values(services.services.callCounts()).reduce((sum, n) => sum + n, 0);

  /** Reads twice; the second read must cost no backend call. Returns the first read's data. */
  async function cachedRead(gateway: TestGateway, query: string, variables: Record<string, unknown>, token: string) {
    const first = await gateway.graphql(query, variables, token);
    expect(first.body.errors).toBeUndefined();
    const before = calls();
    const second = await gateway.graphql(query, variables, token);
    expect(calls()).toBe(before);
    expect(second.body).toEqual(first.body);
    return first.body.data;
  }

  /** How many backend calls one read costs now (0 = answered from the cache). */
  async function costOf(gateway: TestGateway, query: string, variables: Record<string, unknown>, token: string) {
    const before = calls();
    const res = await gateway.graphql(query, variables, token);
    expect(res.body.errors).toBeUndefined();
    return { cost: calls() - before, data: res.body.data };
  }

  beforeAll(async () => {
    redis = await cleanRedis(DB);
    services = await startReferenceHarness();
    registry = switchableRegistry(services);
    a = await startTestGateway(registry, { REDIS_URL });
    b = await startTestGateway(registry, { REDIS_URL });
    // A lookup made before the connection is up does not store its result; start with both connected.
    for (const gateway of [a, b]) await eventually(gateway.readyz, (r) => r.body.cache.healthy);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await services?.close();
    redis?.disconnect();
  });

  it('answers a repeated read from the cache: no backend call, the fast path sends the stored bytes', async () => {
    const first = await a.graphql(MY_OUTINGS, {}, S1);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('x-cache')).toBeNull();
    const before = calls();
    const second = await a.graphql(MY_OUTINGS, {}, S1);
    expect(calls()).toBe(before);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.text).toBe(first.text);
    // Other variables are another entry: a miss.
    expect((await costOf(a, MY_OUTINGS, { limit: 2 }, S1)).cost).toBeGreaterThan(0);
  });

  it('never serves one user personal data cached for another', async () => {
    const mine = (await cachedRead(a, MY_OUTINGS, {}, S1)) as { myOutings: Array<{ student: { id: string } }> };
    const theirs = await costOf(a, MY_OUTINGS, {}, S2);
    expect(theirs.cost).toBeGreaterThan(0);
    const theirOutings = (theirs.data as typeof mine).myOutings;
    expect(theirOutings.every((o) => o.student.id === STUDENT2)).toBe(true);
    expect(mine.myOutings.every((o) => o.student.id === STUDENT1)).toBe(true);

    await cachedRead(a, TIMETABLE, { date: '2026-11-25' }, S1);
    expect((await costOf(a, TIMETABLE, { date: '2026-11-25' }, S2)).cost).toBeGreaterThan(0);

    const children = (await cachedRead(a, CHILDREN, {}, PARENT)) as { me: { children: unknown[] } };
    expect(children.me.children.length).toBeGreaterThan(0);
    const student = await costOf(a, CHILDREN, {}, S1);
    expect(student.cost).toBeGreaterThan(0);
    expect((student.data as { me: { id: string } }).me.id).toBe(STUDENT1);
  });

  it('shares public reads between callers of one role, not across roles', async () => {
    await cachedRead(a, CLUBS, {}, S1);
    expect((await costOf(a, CLUBS, {}, S2)).cost).toBe(0);
    await cachedRead(a, CALENDAR, { month: 11 }, S1);
    expect((await costOf(a, CALENDAR, { month: 11 }, TEACHER)).cost).toBeGreaterThan(0);
  });

  it('makes a write visible on the next read from the other replica', async () => {
    const before = (await cachedRead(a, CALENDAR, { month: 12 }, S1)) as { calendar: unknown[] };
    await cachedRead(b, CALENDAR, { month: 12 }, S1);
    const created = await b.graphql(
      operation('schedule/create-calendar-event'),
      { input: { startDate: '2026-12-10', endDate: '2026-12-11', detail: 'cache test' } },
      TEACHER,
    );
    expect(created.body.errors).toBeUndefined();
    const after = await costOf(a, CALENDAR, { month: 12 }, S1);
    expect(after.cost).toBeGreaterThan(0);
    expect((after.data as typeof before).calendar).toHaveLength(before.calendar.length + 1);
  });

  it('keeps no key without a TTL and uses no key outside its namespace', async () => {
    let cursor = '0';
    const keys: string[] = [];
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', 'dms:rc:*', 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.startsWith('dms:rc:{0}:t:'))).toBe(true);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    // Everything the cache wrote is namespaced (the traffic helpers use other prefixes).
    const all = await redis.dbsize();
    expect(all).toBeGreaterThanOrEqual(keys.length);
  });

  describe('invalidation: every write makes the reads it changes miss, on any replica', () => {
    it('createOuting: the student list and the teacher filters', async () => {
      await cachedRead(a, MY_OUTINGS, { limit: 20 }, S2);
      await cachedRead(a, OUTINGS, {}, TEACHER);
      const now = Date.parse('2026-11-25T01:00:00Z');
      const created = await b.graphql(
        operation('outing/create-outing'),
        {
          input: {
            startsAt: new Date(now + 3_600_000).toISOString(),
            endsAt: new Date(now + 7_200_000).toISOString(),
            place: '편의점',
            reason: '간식',
            situation: 'NORMAL',
          },
        },
        S2,
      );
      expect(created.body.errors).toBeUndefined();
      const id = (created.body.data as { createOuting: { id: string } }).createOuting.id;
      const list = await costOf(a, MY_OUTINGS, { limit: 20 }, S2);
      expect(list.cost).toBeGreaterThan(0);
      expect(JSON.stringify(list.data)).toContain(id);
      expect((await costOf(a, OUTINGS, {}, TEACHER)).cost).toBeGreaterThan(0);
    });

    it("approveOuting by a teacher: the outing, its card, the filters and the owner's own list", async () => {
      const id = 'outing-000000000002';
      await cachedRead(a, MY_OUTINGS, {}, S2);
      await cachedRead(a, OUTING, { id }, S2);
      await cachedRead(a, OUTING_CARD, { id }, S2);
      await cachedRead(a, OUTINGS, { filter: {} }, TEACHER);
      const approved = await b.graphql(operation('outing/approve-outing'), { id }, TEACHER);
      expect(approved.body.errors).toBeUndefined();
      const list = await costOf(a, MY_OUTINGS, {}, S2);
      expect(list.cost).toBeGreaterThan(0);
      const mine = (list.data as { myOutings: Array<{ id: string; status: string }> }).myOutings;
      expect(mine.find((o) => o.id === id)?.status).toBe('APPROVED');
      expect((await costOf(a, OUTING, { id }, S2)).cost).toBeGreaterThan(0);
      expect((await costOf(a, OUTING_CARD, { id }, S2)).cost).toBeGreaterThan(0);
      expect((await costOf(a, OUTINGS, { filter: {} }, TEACHER)).cost).toBeGreaterThan(0);
    });

    it('createAnnouncement: lists and unread checks of everyone', async () => {
      await cachedRead(a, ANNOUNCEMENTS, { type: 'SCHOOL' }, S1);
      await cachedRead(a, UNREAD, {}, S1);
      const created = await b.graphql(
        operation('announcement/create-announcement'),
        { input: { type: 'SCHOOL', title: 'cache', content: { text: 'x' } } },
        TEACHER,
      );
      expect(created.body.errors).toBeUndefined();
      const list = await costOf(a, ANNOUNCEMENTS, { type: 'SCHOOL' }, S1);
      expect(list.cost).toBeGreaterThan(0);
      expect(JSON.stringify(list.data)).toContain(
        (created.body.data as { createAnnouncement: string }).createAnnouncement,
      );
      const unread = await costOf(a, UNREAD, {}, S1);
      expect(unread.cost).toBeGreaterThan(0);
      expect((unread.data as { unreadAnnouncements: { school: boolean } }).unreadAnnouncements.school).toBe(true);
    });

    it("opening an announcement: the reader's unread check and isRead flags", async () => {
      const list = (await cachedRead(a, ANNOUNCEMENTS, { type: 'SCHOOL', size: 50 }, S1)) as {
        announcements: { items: Array<{ id: string; isRead: boolean }> };
      };
      const unread = list.announcements.items.find((item) => !item.isRead);
      expect(unread).toBeDefined();
      await cachedRead(a, UNREAD, {}, S1);
      const opened = await b.graphql(operation('announcement/announcement'), { id: unread?.id }, S1);
      expect(opened.body.errors).toBeUndefined();
      const after = await costOf(a, ANNOUNCEMENTS, { type: 'SCHOOL', size: 50 }, S1);
      expect(after.cost).toBeGreaterThan(0);
      const items = (after.data as typeof list).announcements.items;
      expect(items.find((item) => item.id === unread?.id)?.isRead).toBe(true);
      expect((await costOf(a, UNREAD, {}, S1)).cost).toBeGreaterThan(0);
    });

    it('modifyClub: that club and the club lists', async () => {
      const id = 'club-000000000001';
      await cachedRead(a, CLUB, { id }, S2);
      await cachedRead(a, CLUBS, {}, S2);
      const modified = await b.graphql(operation('club/modify-club'), { id, concept: 'cached no more' }, S1);
      expect(modified.body.errors).toBeUndefined();
      const club = await costOf(a, CLUB, { id }, S2);
      expect(club.cost).toBeGreaterThan(0);
      expect((club.data as { club: { concept: string } }).club.concept).toBe('cached no more');
      expect((await costOf(a, CLUBS, {}, S2)).cost).toBeGreaterThan(0);
    });

    it('changeTeacherPhoneNumber: reads of that account', async () => {
      const query = 'query T($id: ID!) { teacher(id: $id) { id phoneNumber } }';
      const variables = { id: 'teacher-000000000001' };
      await cachedRead(a, query, variables, ADMIN);
      const changed = await b.graphql(
        operation('auth/change-teacher-phone-number'),
        { phoneNumber: '01099998888' },
        TEACHER,
      );
      expect(changed.body.errors).toBeUndefined();
      const after = await costOf(a, query, variables, ADMIN);
      expect(after.cost).toBeGreaterThan(0);
      expect((after.data as { teacher: { phoneNumber: string } }).teacher.phoneNumber).toBe('01099998888');
    });
  });

  describe('stale rather than down', () => {
    let shortLived: TestGateway;
    beforeAll(async () => {
      shortLived = await startTestGateway(registry, { REDIS_URL, CACHE_DEFAULT_TTL_SECONDS: '0.3' });
      await eventually(shortLived.readyz, (r) => r.body.cache.healthy);
    });
    afterAll(async () => {
      registry.giveBack('schedule');
      await shortLived?.close();
    });

    it('expires entries after their TTL', async () => {
      await cachedRead(shortLived, CALENDAR, { month: 3 }, S1);
      await sleep(450);
      expect((await costOf(shortLived, CALENDAR, { month: 3 }, S1)).cost).toBeGreaterThan(0);
    });

    it('serves an expired entry marked stale while the service has no instance; a read never cached fails', async () => {
      const fresh = await shortLived.graphql(CALENDAR, { month: 4 }, S1);
      expect(fresh.body.errors).toBeUndefined();
      await sleep(450);
      registry.takeAway('schedule');
      const stale = await shortLived.graphql(CALENDAR, { month: 4 }, S1);
      expect(stale.status).toBe(200);
      expect(stale.body.data).toEqual(fresh.body.data);
      expect(stale.body.extensions).toEqual({ stale: true, staleAgeSeconds: expect.any(Number) });
      const never = await shortLived.graphql(CALENDAR, { month: 5 }, S1);
      expect(never.body.data ?? null).toBeNull();
      expect(never.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'NO_INSTANCE' });
      registry.giveBack('schedule');
      const back = await shortLived.graphql(CALENDAR, { month: 4 }, S1);
      expect(back.body.extensions).toBeUndefined();
    });

    it('answers a read that failed for an outage, with nothing stale, from memory for a second, then runs it again', async () => {
      registry.takeAway('schedule');
      const failed = await shortLived.graphql(CALENDAR, { month: 6 }, S1);
      // A field's failure: the GraphQL answer is 200 with its error (`calendar` is non-null, so `data` is null).
      expect(failed.status).toBe(200);
      expect(failed.body.data).toBeNull();
      expect(failed.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'NO_INSTANCE' });
      // The service is back, but the same read within the second gets the same answer, replayed (its own request id).
      registry.giveBack('schedule');
      const replayed = await shortLived.graphql(CALENDAR, { month: 6 }, S1);
      expect(replayed.status).toBe(200);
      expect(replayed.text).toBe(failed.text);
      expect(replayed.headers.get('content-type')).toBe(failed.headers.get('content-type'));
      expect(replayed.headers.get('x-request-id')).not.toBe(failed.headers.get('x-request-id'));
      // Another caller, or other variables, are not answered from it.
      expect((await shortLived.graphql(CALENDAR, { month: 7 }, S1)).body.errors).toBeUndefined();
      await sleep(1050);
      const back = await shortLived.graphql(CALENDAR, { month: 6 }, S1);
      expect(back.status).toBe(200);
      expect(back.body.errors).toBeUndefined();
    });
  });
});
