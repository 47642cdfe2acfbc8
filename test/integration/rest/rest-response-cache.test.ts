import type Redis from 'ioredis';
import { httpRequest, type RawResponse } from '../../helpers/http-request';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';
import {
  cleanRedis,
  eventually,
  sleep,
  startTestGateway,
  switchableRegistry,
  type SwitchableRegistry,
  type TestGateway,
} from '../cache/cache-gateways';
import { TOKEN } from './route-case';
import { testRedisUrl } from '../../helpers/test-redis';

// This suite's own Redis database, flushed before use.
const DB = 10;
const REDIS_URL = testRedisUrl(DB);
const NOW = Date.parse('2026-11-25T01:00:00Z') / 1000;

/** The legacy GET routes read through the shared response cache (rest/rest-response-cache.ts). */
describe('REST reads through the response cache', () => {
  let services: ReferenceHarness;
  let registry: SwitchableRegistry;
  let a: TestGateway;
  let b: TestGateway;
  let redis: Redis;
  const calls = () => Object.values(services.services.callCounts()).reduce((sum, n) => sum + n, 0);
  const baseOf = (gateway: TestGateway) => gateway.url.replace('/graphql', '');

  const rest = (gateway: TestGateway, method: string, path: string, token: string, json?: unknown) =>
    httpRequest(`${baseOf(gateway)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
      ...(json ? { body: JSON.stringify(json) } : {}),
    });

  /** One GET and how many backend calls it cost (0 = answered from the cache). */
  async function costOf(gateway: TestGateway, path: string, token: string) {
    const before = calls();
    const res = await rest(gateway, 'GET', path, token);
    return { cost: calls() - before, res, envelope: JSON.parse(res.text) as Record<string, unknown> };
  }

  /** Reads twice; the second must be a hit. Returns the first response. */
  async function cachedRead(gateway: TestGateway, path: string, token: string): Promise<RawResponse> {
    const first = await costOf(gateway, path, token);
    expect(first.res.status).toBe(200);
    expect(first.cost).toBeGreaterThan(0);
    const second = await costOf(gateway, path, token);
    expect(second.cost).toBe(0);
    expect(second.res.headers['x-cache']).toBe('HIT');
    expect(second.res.text).toBe(first.res.text);
    return first.res;
  }

  beforeAll(async () => {
    redis = await cleanRedis(DB);
    services = await startReferenceHarness();
    registry = switchableRegistry(services);
    a = await startTestGateway(registry, { REDIS_URL });
    b = await startTestGateway(registry, { REDIS_URL });
    for (const gateway of [a, b]) await eventually(gateway.readyz, (r) => r.body.cache.healthy);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await services?.close();
    redis?.disconnect();
  });

  it('answers a repeated GET from the cache with the same bytes and no backend call, on any replica', async () => {
    const first = await cachedRead(a, '/v1/teachers/uuid/teacher-000000000001', TOKEN.teacher1);
    expect(first.headers['x-cache']).toBeUndefined();
    expect(JSON.parse(first.text)).toMatchObject({ status: 200, code: 0 });
    const other = await costOf(b, '/v1/teachers/uuid/teacher-000000000001', TOKEN.teacher1);
    expect(other.cost).toBe(0);
    expect(other.res.text).toBe(first.text);
    expect(other.res.headers['content-type']).toBe(first.headers['content-type']);
    // Another query string is another entry.
    expect((await costOf(a, '/v1/teachers/uuid/teacher-000000000001?x=1', TOKEN.teacher1)).cost).toBeGreaterThan(0);
  });

  it('caches only 200 envelopes', async () => {
    for (let i = 0; i < 2; i += 1) {
      const missing = await costOf(a, '/v1/teachers/uuid/teacher-999999999999', TOKEN.teacher1);
      expect(missing.res.status).toBe(404);
      expect(missing.cost).toBeGreaterThan(0);
    }
  });

  describe('never serves one user’s private data to another', () => {
    // A hit is answered before the authorization guards (its key is the caller's), so a shared key would leak here.
    it('outings', async () => {
      const path = '/v1/students/uuid/student-000000000001/outings';
      const mine = await cachedRead(a, path, TOKEN.student1);
      expect(mine.text).toContain('outing-000000000001');
      const theirs = await costOf(a, path, TOKEN.student2);
      expect(theirs.res.headers['x-cache']).toBeUndefined();
      expect(theirs.res.status).toBe(403);
      expect(theirs.res.text).not.toContain('outing-000000000001');
    });

    it('timetable', async () => {
      const path = '/v1/time-tables/years/2026/months/11/days/25';
      const mine = await cachedRead(a, path, TOKEN.student1);
      const theirs = await costOf(a, path, TOKEN.student2);
      expect(theirs.cost).toBeGreaterThan(0);
      expect(theirs.res.status).toBe(200);
      // Grade 2 class 1 and grade 1 class 3 have different timetables.
      expect(theirs.res.text).not.toBe(mine.text);
    });

    it('children', async () => {
      const path = '/v1/parents/uuid/parent-000000000001/children';
      const mine = await cachedRead(a, path, TOKEN.parent1);
      expect(mine.text).toContain('student-000000000001');
      const theirs = await costOf(a, path, TOKEN.student2);
      expect(theirs.res.headers['x-cache']).toBeUndefined();
      expect(theirs.res.text).not.toContain('student-000000000001');
      // An admin may read them too, from an entry of their own.
      const admin = await costOf(a, path, TOKEN.admin);
      expect(admin.cost).toBeGreaterThan(0);
      expect(admin.res.headers['x-cache']).toBeUndefined();
    });

    it('but shares public reads between callers of one role', async () => {
      await cachedRead(a, '/v1/clubs/uuid/club-000000000001', TOKEN.student1);
      expect((await costOf(a, '/v1/clubs/uuid/club-000000000001', TOKEN.student2)).cost).toBe(0);
      expect((await costOf(a, '/v1/clubs/uuid/club-000000000001', TOKEN.admin)).cost).toBeGreaterThan(0);
    });
  });

  it('a REST write on one replica drops the REST read it made stale on the other', async () => {
    const path = '/v1/students/uuid/student-000000000002/outings?count=20';
    const before = JSON.parse((await cachedRead(b, path, TOKEN.student2)).text) as { outings: unknown[] };
    const created = JSON.parse(
      (
        await rest(a, 'POST', '/v1/outings', TOKEN.student2, {
          start_time: NOW + 3600,
          end_time: NOW + 7200,
          place: '서점',
          reason: '교재',
          situation: 'normal',
        })
      ).text,
    ) as { status: number; outing_uuid: string };
    expect(created.status).toBe(201);
    const after = await costOf(b, path, TOKEN.student2);
    expect(after.cost).toBeGreaterThan(0);
    expect(JSON.stringify(after.envelope.outings)).toContain(created.outing_uuid);
    expect(after.envelope.outings).toHaveLength(before.outings.length + 1);
  });

  it('a GraphQL write drops the REST reads that show what it changed, lists included', async () => {
    const outing = 'outing-000000000002';
    const detail = `/v1/outings/uuid/${outing}`;
    const list = '/v1/students/uuid/student-000000000002/outings?count=30';
    expect(JSON.parse((await cachedRead(a, detail, TOKEN.student2)).text)).toMatchObject({ outing_status: '1' });
    await cachedRead(a, list, TOKEN.student2);
    const approved = await b.graphql(`mutation { approveOuting(id: "${outing}") { id status } }`, {}, TOKEN.teacher1);
    expect(approved.body.errors).toBeUndefined();
    const after = await costOf(a, detail, TOKEN.student2);
    expect(after.cost).toBeGreaterThan(0);
    expect(after.envelope).toMatchObject({ outing_status: '2' });
    const listAfter = await costOf(a, list, TOKEN.student2);
    expect(listAfter.cost).toBeGreaterThan(0);
    expect(listAfter.envelope.outings).toEqual(
      expect.arrayContaining([expect.objectContaining({ outing_uuid: outing, outing_status: '2' })]),
    );
  });

  it('opening an announcement (route 64) reaches the backend for each new reader and refreshes their unread check', async () => {
    const check = '/v1/students/uuid/student-000000000001/announcement-check';
    const open = (n: number) => `/v1/announcements/uuid/announcement-00000000000${n}`;
    expect(JSON.parse((await cachedRead(a, check, TOKEN.student1)).text)).toMatchObject({ school: 1 });
    // Student1 (grade 2 class 1) has two unread school announcements: 1 (everyone) and 2 (grade 2 class 1).
    for (const n of [1, 2]) {
      const first = await costOf(a, open(n), TOKEN.student1);
      expect(first.res.status).toBe(200);
      expect(first.cost).toBeGreaterThan(0);
    }
    // The readings invalidated the reader's check.
    const checkAfter = await costOf(a, check, TOKEN.student1);
    expect(checkAfter.cost).toBeGreaterThan(0);
    expect(checkAfter.envelope).toMatchObject({ school: 0 });
    // The same reader again: nothing left to mark, answered from their own entry.
    expect((await costOf(a, open(2), TOKEN.student1)).cost).toBe(0);
    // Another reader is never answered from it, and their check still sees it unread until they open it.
    const otherCheck = '/v1/students/uuid/student-000000000003/announcement-check';
    const unread = (await costOf(a, otherCheck, TOKEN.student3)).envelope.school;
    expect((await costOf(a, open(1), TOKEN.student3)).cost).toBeGreaterThan(0);
    const after = await costOf(a, otherCheck, TOKEN.student3);
    expect(after.cost).toBeGreaterThan(0);
    expect(after.envelope.school).not.toBe(unread);
  });

  describe('TTL and stale rather than down', () => {
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
      await cachedRead(shortLived, '/v1/schedules/years/2026/months/3', TOKEN.student1);
      await sleep(450);
      expect((await costOf(shortLived, '/v1/schedules/years/2026/months/3', TOKEN.student1)).cost).toBeGreaterThan(0);
    });

    it('serves the expired envelope unchanged with a Warning while the service has no instance; never cached → 503', async () => {
      const fresh = await costOf(shortLived, '/v1/schedules/years/2026/months/4', TOKEN.student1);
      expect(fresh.res.status).toBe(200);
      await sleep(450);
      registry.takeAway('schedule');
      const stale = await costOf(shortLived, '/v1/schedules/years/2026/months/4', TOKEN.student1);
      expect(stale.res.status).toBe(200);
      expect(stale.res.headers.warning).toBe('110 - "Response is Stale"');
      expect(stale.res.text).toBe(fresh.res.text);
      const never = await costOf(shortLived, '/v1/schedules/years/2026/months/5', TOKEN.student1);
      expect(never.res.status).toBe(503);
      expect(never.envelope).toMatchObject({ status: 503, code: -301 });
      expect(never.res.headers.warning).toBeUndefined();
      registry.giveBack('schedule');
      const back = await costOf(shortLived, '/v1/schedules/years/2026/months/4', TOKEN.student1);
      expect(back.cost).toBeGreaterThan(0);
      expect(back.res.headers.warning).toBeUndefined();
    });
  });
});
