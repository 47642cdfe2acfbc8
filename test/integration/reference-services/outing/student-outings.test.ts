import { OutingStudentService } from '../../../../grpc-clients/generated/outing/outing-student';
import { demoOutings } from '../../../../reference-services/demo-data';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import {
  ADMIN,
  DAY_MS,
  HOUR,
  PARENT1,
  SEEDED,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER1,
  act,
  createOuting,
  expectOk,
  informOf,
  newOuting,
  nowSeconds,
} from './outing-test-kit';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('outing reference service: OutingStudent', () => {
  let harness: ReferenceHarness;
  const startClock = Date.parse('2026-11-25T01:00:00Z');
  beforeAll(async () => {
    harness = await startReferenceHarness({ nowMs: startClock });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.clock.set(startClock));

  describe('CreateOuting', () => {
    it('creates status "1" with a minted outing-<12 digits> id and upper-case situation', async () => {
      harness.clock.set(startClock + 20 * DAY_MS);
      const reply = await createOuting(harness, STUDENT3, {}, { situation: 'emergency', place: '약국' });
      expect(reply).toMatchObject({ status: 201, code: 0 });
      expect(reply.outingId).toMatch(/^outing-\d{12}$/);
      expect(reply.outingId).toHaveLength(19);
      const inform = await informOf(harness, STUDENT3, reply.outingId);
      expect(inform).toMatchObject({ status: 200, outingStatus: '1', outingSituation: 'EMERGENCY', place: '약국' });
    });

    it.each([
      ['a teacher', TEACHER1],
      ['a parent', PARENT1],
      ['an admin', ADMIN],
      ['an unknown student', 'student-999999999999'],
    ])('refuses %s with 403 −2601', async (_who, uuid) => {
      await expect(createOuting(harness, uuid)).resolves.toMatchObject({ status: 403, code: -2601 });
    });

    // The harness clock sits on KST day boundaries here; each case uses its own day so the one-per-day rule
    // does not interfere.
    it.each([
      {
        name: 'ends exactly at the KST midnight after the start date',
        now: '2026-12-01T14:00:00Z', // 23:00 KST
        start: '2026-12-01T14:30:00Z',
        end: '2026-12-01T15:00:00Z', // 00:00 KST next day
        status: 201,
      },
      {
        name: 'ends one second after that midnight',
        now: '2026-12-02T14:00:00Z',
        start: '2026-12-02T14:30:00Z',
        end: '2026-12-02T15:00:01Z',
        status: 400,
        msg: 'The end time cannot be the day after the start time.',
      },
      {
        name: 'starts at 00:00 KST tomorrow although the UTC date is still today',
        now: '2026-12-03T14:59:00Z', // 23:59 KST
        start: '2026-12-03T15:00:00Z',
        end: '2026-12-03T16:00:00Z',
        status: 400,
        msg: 'Start time should be today.',
      },
      {
        name: 'starts after KST midnight while the UTC date is still the previous day',
        now: '2026-12-04T15:00:00Z', // 00:00 KST Dec 5
        start: '2026-12-04T16:00:00Z',
        end: '2026-12-04T17:00:00Z',
        status: 201,
      },
      {
        name: 'starts in the past',
        now: '2026-12-06T03:00:00Z',
        start: '2026-12-06T02:59:59Z',
        end: '2026-12-06T05:00:00Z',
        status: 400,
        msg: 'The start time must be earlier than the current time.',
      },
      {
        name: 'starts exactly now (the legacy check is now > start)',
        now: '2026-12-07T03:00:00Z',
        start: '2026-12-07T03:00:00Z',
        end: '2026-12-07T05:00:00Z',
        status: 201,
      },
      {
        name: 'ends before it starts',
        now: '2026-12-08T03:00:00Z',
        start: '2026-12-08T05:00:00Z',
        end: '2026-12-08T04:00:00Z',
        status: 400,
        msg: 'The start time cannot be bigger than the end time.',
      },
      {
        name: 'ends when it starts',
        now: '2026-12-09T03:00:00Z',
        start: '2026-12-09T05:00:00Z',
        end: '2026-12-09T05:00:00Z',
        status: 400,
        msg: 'The start time cannot be bigger than the end time.',
      },
    ])('time rule: $name → $status', async ({ now, start, end, status, msg }) => {
      harness.clock.set(Date.parse(now));
      const reply = await createOuting(harness, STUDENT2, { startTime: at(start), endTime: at(end) });
      expect(reply.status).toBe(status);
      expect(reply.code).toBe(0);
      if (msg) expect(reply.msg).toBe(msg);
    });

    it('allows one outing per KST day: 409 −2401 the same day, 201 the next', async () => {
      // 08:00 KST on Dec 10; the second request starts late that evening, still the same KST day.
      harness.clock.set(Date.parse('2026-12-09T23:00:00Z'));
      await newOuting(harness, STUDENT1);
      const sameDay = await createOuting(harness, STUDENT1, {
        startTime: at('2026-12-10T13:00:00Z'),
        endTime: at('2026-12-10T14:00:00Z'),
      });
      expect(sameDay).toMatchObject({ status: 409, code: -2401, msg: 'Outing is exist' });
      harness.clock.set(Date.parse('2026-12-10T23:00:00Z'));
      await expect(createOuting(harness, STUDENT1)).resolves.toMatchObject({ status: 201 });
    });

    it('answers 500 code 0 when the place does not fit the legacy 50-character column (QUIRK §6.7)', async () => {
      harness.clock.set(startClock + 21 * DAY_MS);
      const reply = await createOuting(harness, STUDENT3, {}, { place: '가'.repeat(51) });
      expect(reply).toMatchObject({ status: 500, code: 0 });
      expect(reply.msg).toContain('place');
    });
  });

  describe('KST storage', () => {
    it('returns exactly the unix seconds that were sent, on every read', async () => {
      harness.clock.set(startClock + 30 * DAY_MS);
      const startTime = nowSeconds(harness) + 1234;
      const endTime = startTime + 2 * HOUR + 17;
      const outingId = await newOuting(harness, STUDENT3, { startTime, endTime });
      await expect(informOf(harness, STUDENT3, outingId)).resolves.toMatchObject({ startTime, endTime });
      const card = await harness.call('outing', OutingStudentService, 'getCardAboutOuting', {
        uuid: STUDENT3,
        outingId,
      });
      expect(card).toMatchObject({ startTime, endTime });
      const list = await harness.call('outing', OutingStudentService, 'getStudentOutings', {
        uuid: STUDENT3,
        studentId: STUDENT3,
        count: 1,
      });
      expect(list.outing[0]).toMatchObject({ outingId, startTime, endTime, arrivalTime: 0 });
    });

    it('returns the seeded outings in true unix seconds (demoOutings)', async () => {
      const seeded = demoOutings(startClock).find((o) => o.uuid === SEEDED['5']);
      await expect(informOf(harness, STUDENT1, SEEDED['5'])).resolves.toMatchObject({
        startTime: seeded?.startTime,
        endTime: seeded?.endTime,
        studentUuid: STUDENT1,
      });
    });

    it('stamps arrival_time with the clock when a teacher ends the outing', async () => {
      harness.clock.set(startClock + 31 * DAY_MS);
      const outingId = await newOuting(harness, STUDENT3);
      await expectOk(act(harness, 'approve', TEACHER1, outingId));
      await expectOk(act(harness, 'start', STUDENT3, outingId));
      harness.clock.advance(3 * HOUR * 1000 + 500);
      const arrival = nowSeconds(harness);
      await expectOk(act(harness, 'end', TEACHER1, outingId));
      const list = await harness.call('outing', OutingStudentService, 'getStudentOutings', {
        uuid: STUDENT3,
        studentId: STUDENT3,
      });
      expect(list.outing.find((o) => o.outingId === outingId)).toMatchObject({ status: '4', arrivalTime: arrival });
    });
  });

  describe('GetStudentOutings', () => {
    const list = (uuid: string, studentId: string, start = 0, count = 0) =>
      harness.call('outing', OutingStudentService, 'getStudentOutings', { uuid, studentId, start, count });

    it('lists the seeded outings of student2, newest end_time first, arrival 0 when unset', async () => {
      const reply = await list(STUDENT2, STUDENT2, 0, 10);
      expect(reply.status).toBe(200);
      const seeded = reply.outing.filter((o) => o.outingId.startsWith('outing-00000000000'));
      expect(seeded.map((o) => o.outingId)).toEqual([SEEDED['1'], SEEDED['-2'], SEEDED['4']]);
      const ends = reply.outing.map((o) => o.endTime);
      expect(ends).toEqual([...ends].sort((a, b) => b - a));
      expect(seeded[0]).toMatchObject({ status: '1', arrivalTime: 0, situation: 'NORMAL', place: '서점' });
      expect(seeded[2]?.arrivalTime).toBeGreaterThan(0);
    });

    it('slices by start/count; count 0 returns the rest', async () => {
      const all = (await list(STUDENT1, STUDENT1)).outing.map((o) => o.outingId);
      expect(all.length).toBeGreaterThanOrEqual(5);
      expect((await list(STUDENT1, STUDENT1, 1, 2)).outing.map((o) => o.outingId)).toEqual(all.slice(1, 3));
      expect((await list(STUDENT1, STUDENT1, 2, 0)).outing.map((o) => o.outingId)).toEqual(all.slice(2));
      expect((await list(STUDENT1, STUDENT1, all.length, 5)).outing).toEqual([]);
    });

    it.each([
      ['another student', STUDENT2, STUDENT1],
      ['a teacher', TEACHER1, STUDENT1],
      ['the parent', PARENT1, STUDENT1],
      ['an admin', ADMIN, STUDENT1],
    ])('refuses %s with 403 −2601', async (_who, uuid, studentId) => {
      await expect(list(uuid, studentId)).resolves.toMatchObject({ status: 403, code: -2601, outing: [] });
    });
  });

  describe.each(['getOutingInform', 'getCardAboutOuting'] as const)('%s', (method) => {
    const read = (uuid: string, outingId: string) =>
      harness.call('outing', OutingStudentService, method, { uuid, outingId });

    it('answers the owning student', async () => {
      const reply = await read(STUDENT1, SEEDED['2']);
      expect(reply).toMatchObject({ status: 200, code: 0, place: '은행', reason: '통장 발급', outingStatus: '2' });
    });

    it.each([
      ['another student', STUDENT2],
      ['the parent (passes the first check, fails the owner check)', PARENT1],
      ['a teacher', TEACHER1],
      ['an admin', ADMIN],
    ])('refuses %s with 403 −2601', async (_who, uuid) => {
      await expect(read(uuid, SEEDED['2'])).resolves.toMatchObject({ status: 403, code: -2601 });
    });

    it.each([
      ['a student', STUDENT1],
      ['a parent', PARENT1],
    ])('answers 404 −2301 to %s for an unknown outing', async (_who, uuid) => {
      await expect(read(uuid, 'outing-999999999999')).resolves.toMatchObject({ status: 404, code: -2301 });
    });

    it('answers 403 (not 404) to a teacher for an unknown outing: the role check comes first', async () => {
      await expect(read(TEACHER1, 'outing-999999999999')).resolves.toMatchObject({ status: 403, code: -2601 });
    });
  });

  it('GetOutingInform carries the situation, status and owner', async () => {
    await expect(informOf(harness, STUDENT1, SEEDED['3'])).resolves.toMatchObject({
      outingId: SEEDED['3'],
      outingSituation: 'EMERGENCY',
      outingStatus: '3',
      studentUuid: STUDENT1,
    });
  });

  it('GetCardAboutOuting carries the student profile from auth', async () => {
    const card = await harness.call('outing', OutingStudentService, 'getCardAboutOuting', {
      uuid: STUDENT1,
      outingId: SEEDED['2'],
    });
    expect(card).toMatchObject({ name: '홍길동', grade: 2, group: 1, number: 1, outingStatus: '2' });
    expect(typeof card.profileImageUri).toBe('string');
  });
});
