import { ScheduleServiceService, type TimeTable } from '../../../../grpc-clients/generated/schedule/schedule';
import { createSeededTimetableSource } from '../../../../reference-services/adapters/timetable-source';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';

const EMPTY_DAY: TimeTable = { time1: '', time2: '', time3: '', time4: '', time5: '', time6: '', time7: '' };

/** What the seeded NEIS twin holds for a class on a day, as the proto message. */
async function expectedDay(grade: number, group: number, date: string): Promise<TimeTable> {
  const subjects = (await createSeededTimetableSource().fetch(grade, group, date, date)).get(date) ?? [];
  const times = Array.from({ length: 7 }, (_, i) => subjects[i] ?? '');
  return Object.fromEntries(times.map((subject, i) => [`time${i + 1}`, subject])) as unknown as TimeTable;
}

// The harness clock is 2026-11-25 (a Wednesday), so the service fetched November and December 2026.
describe('schedule reference service: timetable (GetTimeTable, GetTimeTables)', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const days = (uuid: string, year: number, month: number, day: number, count: number) =>
    harness.call('schedule', ScheduleServiceService, 'getTimeTables', { uuid, year, month, day, count });
  const oneDay = (uuid: string, year: number, month: number, day: number) =>
    harness.call('schedule', ScheduleServiceService, 'getTimeTable', { uuid, year, month, day });

  describe('GetTimeTables', () => {
    it("answers count consecutive days of the student's class (student1: grade 2 class 1) across a month boundary", async () => {
      const reply = await days(DEMO_ACCOUNTS.student1.uuid, 2026, 11, 29, 4);
      expect(reply).toMatchObject({ status: 200, code: 0, msg: '' });
      expect(reply.timeTable).toEqual([
        await expectedDay(2, 1, '2026-11-29'),
        await expectedDay(2, 1, '2026-11-30'),
        await expectedDay(2, 1, '2026-12-01'),
        await expectedDay(2, 1, '2026-12-02'),
      ]);
      // Sunday: a row of empty strings; Monday: 7 periods; Tuesday: 6 periods and an empty 7th.
      expect(reply.timeTable[0]).toEqual(EMPTY_DAY);
      expect(Object.values(reply.timeTable[1] ?? {}).every((s) => s !== '')).toBe(true);
      expect(reply.timeTable[2]?.time6).not.toBe('');
      expect(reply.timeTable[2]?.time7).toBe('');
    });

    it("uses each student's own grade and class (student2: grade 1 class 3)", async () => {
      const reply = await days(DEMO_ACCOUNTS.student2.uuid, 2026, 11, 30, 1);
      expect(reply.timeTable).toEqual([await expectedDay(1, 3, '2026-11-30')]);
      expect(reply.timeTable).not.toEqual([await expectedDay(2, 1, '2026-11-30')]);
    });

    it('answers 200 with no days for count 0', async () => {
      await expect(days(DEMO_ACCOUNTS.student1.uuid, 2026, 11, 25, 0)).resolves.toEqual({
        status: 200,
        code: 0,
        msg: '',
        timeTable: [],
      });
    });

    it.each([
      ['before the fetched months', 2026, 10, 31, 1],
      ['running past the end of next month', 2026, 12, 30, 3],
      ['in a later year', 2027, 3, 2, 1],
    ])('answers 404 Not Found for a day %s', async (_label, year, month, day, count) => {
      await expect(days(DEMO_ACCOUNTS.student1.uuid, year, month, day, count)).resolves.toEqual({
        status: 404,
        code: 0,
        msg: 'Not Found',
        timeTable: [],
      });
    });

    it('answers 500 for a day that does not exist (Java LocalDate.of threw)', async () => {
      const reply = await days(DEMO_ACCOUNTS.student1.uuid, 2026, 11, 31, 1);
      expect(reply).toMatchObject({ status: 500, code: 0 });
    });
  });

  describe('GetTimeTable', () => {
    it("answers one day's time1…time7 at the top level", async () => {
      const reply = await oneDay(DEMO_ACCOUNTS.student1.uuid, 2026, 12, 2);
      expect(reply).toEqual({ status: 200, code: 0, msg: '', ...(await expectedDay(2, 1, '2026-12-02')) });
      expect(reply.time1).not.toBe('');
    });

    it('answers 404 Not Found outside the fetched months', async () => {
      await expect(oneDay(DEMO_ACCOUNTS.student1.uuid, 2027, 1, 4)).resolves.toEqual({
        status: 404,
        code: 0,
        msg: 'Not Found',
        ...EMPTY_DAY,
      });
    });
  });

  describe.each([
    ['a teacher', DEMO_ACCOUNTS.teacher1.uuid],
    ['an admin', DEMO_ACCOUNTS.admin.uuid],
    ['a parent (QUIRK §6.8: "parents" never matches)', DEMO_ACCOUNTS.parent1.uuid],
    ['an unknown prefix', 'principal-000000000001'],
    ['an empty uuid', ''],
  ])('timetable reads by %s', (_label, uuid) => {
    it('GetTimeTables answers 401 UnAuthorized', async () => {
      await expect(days(uuid, 2026, 11, 25, 2)).resolves.toEqual({
        status: 401,
        code: 0,
        msg: 'UnAuthorized',
        timeTable: [],
      });
    });

    it('GetTimeTable answers 401 UnAuthorized', async () => {
      await expect(oneDay(uuid, 2026, 11, 25)).resolves.toEqual({
        status: 401,
        code: 0,
        msg: 'UnAuthorized',
        ...EMPTY_DAY,
      });
    });
  });

  it('a student auth does not know resolves to grade 0 class 0, which has no rows: 404', async () => {
    await expect(days('student-999999999999', 2026, 11, 25, 1)).resolves.toMatchObject({
      status: 404,
      code: 0,
      msg: 'Not Found',
    });
  });
});
