import { createSeededTimetableSource } from '../../../../reference-services/adapters/timetable-source';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';

interface TimetableDay {
  date: string;
  periods: string[];
}

describe('GraphQL timetable', () => {
  let gateway: GatewayHarness;
  let tokens: Record<'admin' | 'teacher' | 'student' | 'parent', string>;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    tokens = {
      admin: await gateway.login('admin', 'admin', 'admin1234'),
      teacher: await gateway.login('teacher', 'teacher1', 'teacher1234'),
      student: await gateway.login('student', 'student1', 'student1234'),
      parent: await gateway.login('parent', 'parent1', 'parent1234'),
    };
  });
  afterAll(() => gateway.close());

  const timetable = (variables: { date: string; days?: number }, token: string) =>
    gateway.graphql<{ timetable: TimetableDay[] }>(operation('schedule/timetable'), variables, { token });

  /** What the reference NEIS twin publishes for student1's class (grade 2, class 1). */
  const published = async (date: string) => {
    const days = await createSeededTimetableSource().fetch(2, 1, date, date);
    return days.get(date) ?? [];
  };

  it("gives one day by default: student1's Wednesday with seven periods", async () => {
    const res = await timetable({ date: '2026-11-25' }, tokens.student);
    expect(res.body.errors).toBeUndefined();
    const periods = await published('2026-11-25');
    expect(periods).toHaveLength(7);
    expect(res.body.data?.timetable).toEqual([{ date: '2026-11-25', periods }]);
  });

  it('gives consecutive days across a weekend, dropping the periods a day does not have', async () => {
    const res = await timetable({ date: '2026-11-26', days: 5 }, tokens.student);
    expect(res.body.errors).toBeUndefined();
    const days = res.body.data?.timetable ?? [];
    expect(days.map((d) => d.date)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(days.map((d) => d.periods.length)).toEqual([6, 6, 0, 0, 7]);
    for (const day of days) expect(day.periods).toEqual(await published(day.date));
  });

  it('crosses into next month, which the school has also published', async () => {
    const res = await timetable({ date: '2026-11-30', days: 2 }, tokens.student);
    expect(res.body.data?.timetable.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01']);
    expect(res.body.data?.timetable[1]?.periods).toEqual(await published('2026-12-01'));
  });

  it('answers NOT_FOUND for days the school has not published', async () => {
    const res = await timetable({ date: '2026-12-31', days: 2 }, tokens.student);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamStatus: 404 });
  });

  it.each(['teacher', 'parent', 'admin'] as const)('refuses a %s caller as FORBIDDEN', async (role) => {
    const res = await timetable({ date: '2026-11-25' }, tokens[role]);
    expect(res.body.data).toBeNull();
    // Refused at the edge by the permissions; the schedule service itself answered 401.
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    const res = await timetable({ date: '2026-11-25' }, '');
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
  });

  it('refuses fewer than one day as BAD_USER_INPUT', async () => {
    const res = await timetable({ date: '2026-11-25', days: 0 }, tokens.student);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
  });
});
