import { ScheduleServiceService } from '../../../../grpc-clients/generated/schedule/schedule';
import { ScheduleEventService } from '../../../../grpc-clients/generated/schedule/schedule-event';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { legacyMetadata, startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';

const ADMIN: string = DEMO_ACCOUNTS.admin.uuid;
const TEACHER: string = DEMO_ACCOUNTS.teacher1.uuid;
const STUDENT: string = DEMO_ACCOUNTS.student1.uuid;
const PARENT: string = DEMO_ACCOUNTS.parent1.uuid;
const MISSING = 'schedule-9999999999999';

const seconds = (iso: string) => Date.parse(iso) / 1000;
const midnightUtcMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('schedule reference service: calendar (GetSchedule, Create/Update/DeleteSchedule)', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const create = (uuid: string, start: string, end: string, detail = '행사') =>
    harness.call('schedule', ScheduleServiceService, 'createSchedule', {
      uuid,
      startDate: seconds(start),
      endDate: seconds(end),
      detail,
    });
  const month = (year: number, m: number, uuid = STUDENT) =>
    harness.call('schedule', ScheduleServiceService, 'getSchedule', { uuid, year, month: m });

  describe('GetSchedule', () => {
    it('answers the demo events of the current month in unix milliseconds at 00:00 UTC', async () => {
      const reply = await month(2026, 11);
      expect(reply).toMatchObject({ status: 200, code: 0, msg: '' });
      expect(reply.schedule.filter((s) => s.scheduleUUID.startsWith('schedule-000000000000'))).toEqual([
        {
          scheduleUUID: 'schedule-0000000000001',
          startDate: midnightUtcMs('2026-11-05'),
          endDate: midnightUtcMs('2026-11-07'),
          detail: '중간고사',
        },
        {
          scheduleUUID: 'schedule-0000000000002',
          startDate: midnightUtcMs('2026-11-15'),
          endDate: midnightUtcMs('2026-11-15'),
          detail: '체육대회',
        },
      ]);
    });

    it.each([
      ['a parent (no role check at all)', PARENT],
      ['an empty uuid', ''],
      ['a teacher', TEACHER],
    ])('has no role check: %s gets 200', async (_label, uuid) => {
      const reply = await month(2026, 11, uuid);
      expect(reply.status).toBe(200);
      expect(reply.schedule.length).toBeGreaterThanOrEqual(2);
    });

    it('answers 200 with an empty list for a month without events', async () => {
      await expect(month(1999, 1)).resolves.toEqual({ status: 200, code: 0, msg: '', schedule: [] });
    });

    describe('month-overlap selection (start-month … end-month covers the month)', () => {
      const ids: Record<string, string> = {};
      beforeAll(async () => {
        const events: Array<[string, string, string]> = [
          ['spansOctNov', '2027-10-28T03:00:00Z', '2027-11-02T03:00:00Z'],
          ['insideNov', '2027-11-10T03:00:00Z', '2027-11-10T03:00:00Z'],
          ['spansDecJan', '2027-12-31T03:00:00Z', '2028-01-01T03:00:00Z'],
          ['spansSepToJan', '2027-09-30T03:00:00Z', '2028-01-31T03:00:00Z'],
          ['endsBeforeStart', '2027-11-20T03:00:00Z', '2027-10-20T03:00:00Z'],
        ];
        for (const [name, start, end] of events) {
          const reply = await create(TEACHER, start, end, name);
          expect(reply.status).toBe(201);
          ids[name] = reply.scheduleUUID;
        }
      });

      it.each([
        [2027, 8, []],
        [2027, 9, ['spansSepToJan']],
        [2027, 10, ['spansOctNov', 'spansSepToJan']],
        [2027, 11, ['spansOctNov', 'insideNov', 'spansSepToJan']],
        [2027, 12, ['spansDecJan', 'spansSepToJan']],
        [2028, 1, ['spansDecJan', 'spansSepToJan']],
        [2028, 2, []],
      ])('%i-%i returns %j', async (year, m, expected) => {
        const reply = await month(year, m);
        const names = reply.schedule.map((s) => s.detail).sort();
        expect(names).toEqual([...expected].sort());
        for (const s of reply.schedule) expect(s.scheduleUUID).toBe(ids[s.detail]);
      });
    });
  });

  describe('CreateSchedule', () => {
    it.each([
      ['a teacher', TEACHER],
      ['an admin', ADMIN],
    ])('201 for %s with a minted schedule- + 13-digit id (22 chars)', async (_label, uuid) => {
      const reply = await create(uuid, '2028-03-02T00:00:00Z', '2028-03-03T00:00:00Z', '개학식');
      expect(reply).toMatchObject({ status: 201, code: 0, msg: '' });
      expect(reply.scheduleUUID).toMatch(/^schedule-\d{13}$/);
      expect(reply.scheduleUUID).toHaveLength(22);
    });

    it('mints distinct ids', async () => {
      const a = await create(TEACHER, '2028-03-05T00:00:00Z', '2028-03-05T00:00:00Z');
      const b = await create(TEACHER, '2028-03-05T00:00:00Z', '2028-03-05T00:00:00Z');
      expect(a.scheduleUUID).not.toBe(b.scheduleUUID);
    });

    it('takes unix seconds, keeps only the UTC date and answers it back as milliseconds at 00:00', async () => {
      // 23:59:59 UTC on the 10th is already the 11th in KST: the server-local (UTC) date is kept.
      const reply = await create(TEACHER, '2028-04-10T23:59:59Z', '2028-04-12T00:00:01Z', '시간 절삭');
      const listed = (await month(2028, 4)).schedule.find((s) => s.scheduleUUID === reply.scheduleUUID);
      expect(listed).toEqual({
        scheduleUUID: reply.scheduleUUID,
        startDate: midnightUtcMs('2028-04-10'),
        endDate: midnightUtcMs('2028-04-12'),
        detail: '시간 절삭',
      });
    });

    it('accepts a 100-character detail', async () => {
      const reply = await create(TEACHER, '2028-05-01T00:00:00Z', '2028-05-01T00:00:00Z', '가'.repeat(100));
      expect(reply.status).toBe(201);
    });

    it('answers 500 code 0 for a detail longer than the 100-character column, storing nothing', async () => {
      const reply = await create(TEACHER, '2029-05-01T00:00:00Z', '2029-05-01T00:00:00Z', '가'.repeat(101));
      expect(reply).toEqual({ status: 500, code: 0, msg: 'Server Error', scheduleUUID: '' });
      expect((await month(2029, 5)).schedule).toEqual([]);
    });
  });

  describe.each([
    ['a student', STUDENT],
    ['a parent (QUIRK §6.8: "parents" never matches)', PARENT],
    ['an unknown prefix', 'principal-000000000001'],
    ['a uuid shorter than 13 characters', 'teacher-1'],
    ['an empty uuid', ''],
  ])('calendar writes by %s', (_label, uuid) => {
    let existing: string;
    beforeAll(async () => {
      existing = (await create(TEACHER, '2028-06-01T00:00:00Z', '2028-06-02T00:00:00Z', '보호')).scheduleUUID;
    });
    const unauthorized = { status: 401, code: 0, msg: 'UnAuthorized', scheduleUUID: '' };

    it('CreateSchedule answers 401 UnAuthorized', async () => {
      await expect(create(uuid, '2028-06-01T00:00:00Z', '2028-06-01T00:00:00Z')).resolves.toEqual(unauthorized);
    });

    it('UpdateSchedule answers 401 UnAuthorized and changes nothing', async () => {
      const reply = await harness.call('schedule', ScheduleServiceService, 'updateSchedule', {
        uuid,
        scheduleUUID: existing,
        startDate: seconds('2028-06-20T00:00:00Z'),
        endDate: seconds('2028-06-20T00:00:00Z'),
        detail: '변경',
      });
      expect(reply).toEqual(unauthorized);
      const listed = (await month(2028, 6)).schedule.find((s) => s.scheduleUUID === existing);
      expect(listed?.detail).toBe('보호');
    });

    it('DeleteSchedule answers 401 UnAuthorized and keeps the event', async () => {
      const reply = await harness.call('schedule', ScheduleServiceService, 'deleteSchedule', {
        uuid,
        scheduleUUID: existing,
      });
      expect(reply).toEqual(unauthorized);
      expect((await month(2028, 6)).schedule.some((s) => s.scheduleUUID === existing)).toBe(true);
    });
  });

  describe('UpdateSchedule', () => {
    it.each([
      ['the creating teacher', TEACHER],
      ['an admin (any teacher or admin, not just the creator)', ADMIN],
    ])('200 for %s; dates are re-truncated from seconds', async (_label, uuid) => {
      const { scheduleUUID } = await create(TEACHER, '2028-07-01T00:00:00Z', '2028-07-01T00:00:00Z', '원본');
      const reply = await harness.call('schedule', ScheduleServiceService, 'updateSchedule', {
        uuid,
        scheduleUUID,
        startDate: seconds('2028-08-30T18:30:00Z'),
        endDate: seconds('2028-09-01T05:00:00Z'),
        detail: '수정됨',
      });
      expect(reply).toEqual({ status: 200, code: 0, msg: '', scheduleUUID });
      expect((await month(2028, 7)).schedule.some((s) => s.scheduleUUID === scheduleUUID)).toBe(false);
      expect((await month(2028, 9)).schedule.find((s) => s.scheduleUUID === scheduleUUID)).toEqual({
        scheduleUUID,
        startDate: midnightUtcMs('2028-08-30'),
        endDate: midnightUtcMs('2028-09-01'),
        detail: '수정됨',
      });
    });

    it('answers 404 Not Found for an unknown schedule', async () => {
      const reply = await harness.call('schedule', ScheduleServiceService, 'updateSchedule', {
        uuid: TEACHER,
        scheduleUUID: MISSING,
        startDate: seconds('2028-08-30T00:00:00Z'),
        endDate: seconds('2028-08-30T00:00:00Z'),
        detail: '없음',
      });
      expect(reply).toEqual({ status: 404, code: 0, msg: 'Not Found', scheduleUUID: '' });
    });
  });

  describe('DeleteSchedule', () => {
    it.each([
      ['a teacher', TEACHER],
      ['an admin', ADMIN],
    ])('200 for %s, then the event is gone and a second delete is 404', async (_label, uuid) => {
      const { scheduleUUID } = await create(TEACHER, '2028-10-01T00:00:00Z', '2028-10-01T00:00:00Z', '삭제 대상');
      await expect(
        harness.call('schedule', ScheduleServiceService, 'deleteSchedule', { uuid, scheduleUUID }),
      ).resolves.toEqual({ status: 200, code: 0, msg: '', scheduleUUID });
      expect((await month(2028, 10)).schedule.some((s) => s.scheduleUUID === scheduleUUID)).toBe(false);
      await expect(
        harness.call('schedule', ScheduleServiceService, 'deleteSchedule', { uuid, scheduleUUID }),
      ).resolves.toEqual({ status: 404, code: 0, msg: 'Not Found', scheduleUUID: '' });
    });

    it('answers 404 Not Found for an unknown schedule', async () => {
      await expect(
        harness.call('schedule', ScheduleServiceService, 'deleteSchedule', { uuid: ADMIN, scheduleUUID: MISSING }),
      ).resolves.toEqual({ status: 404, code: 0, msg: 'Not Found', scheduleUUID: '' });
    });
  });

  describe('tracing metadata', () => {
    const rpcs = [
      ['getSchedule', { uuid: STUDENT, year: 2026, month: 11 }],
      ['createSchedule', { uuid: TEACHER, startDate: seconds('2030-01-01T00:00:00Z'), endDate: 1, detail: 'x' }],
      ['updateSchedule', { uuid: TEACHER, scheduleUUID: 'schedule-0000000000001', detail: 'x' }],
      ['deleteSchedule', { uuid: TEACHER, scheduleUUID: 'schedule-0000000000001' }],
      ['getTimeTable', { uuid: STUDENT, year: 2026, month: 11, day: 25 }],
      ['getTimeTables', { uuid: STUDENT, year: 2026, month: 11, day: 25, count: 1 }],
    ] as const;
    const problems = [
      ['missing x-request-id', { requestId: null }, 'missing X-Request-Id'],
      ['invalid x-request-id', { requestId: 'not-a-uuid' }, 'invalid X-Request-Id'],
      ['missing span-context', { spanContext: null }, 'missing Span-Context'],
      ['invalid span-context', { spanContext: 'garbage' }, 'invalid Span-Context'],
    ] as const;

    describe.each(rpcs)('%s', (method, request) => {
      it.each(problems)('answers 407 code 0 for %s', async (_label, overrides, reason) => {
        const reply = (await harness.call(
          'schedule',
          ScheduleServiceService,
          method,
          request as never,
          legacyMetadata(overrides),
        )) as { status: number; code: number; msg: string };
        expect(reply).toMatchObject({ status: 407, code: 0, msg: `proxy auth required (reason: ${reason})` });
      });
    });

    it('rejected writes change nothing', async () => {
      const before = await month(2026, 11);
      await harness.call(
        'schedule',
        ScheduleServiceService,
        'deleteSchedule',
        { uuid: TEACHER, scheduleUUID: 'schedule-0000000000001' },
        legacyMetadata({ requestId: null }),
      );
      expect((await month(2026, 11)).schedule).toEqual(before.schedule);
    });
  });

  it('serves the ScheduleEvent service', async () => {
    await expect(harness.call('schedule', ScheduleEventService, 'changeAllServiceNodes', {})).resolves.toEqual({});
  });
});
