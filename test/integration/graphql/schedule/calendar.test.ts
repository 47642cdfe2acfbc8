import { ScheduleServiceService } from '../../../../grpc-clients/generated/schedule/schedule';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { legacyMetadata } from '../../../helpers/reference-services';

interface CalendarEvent {
  id: string;
  startDate: string;
  endDate: string;
  detail: string;
}

describe('GraphQL calendar', () => {
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

  const readMonth = async (year: number, month: number, token = tokens.student) => {
    const res = await gateway.graphql<{ calendar: CalendarEvent[] }>(
      operation('schedule/calendar'),
      { year, month },
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.calendar ?? [];
  };

  const create = (input: Omit<CalendarEvent, 'id'>, token: string) =>
    gateway.graphql<{ createCalendarEvent: CalendarEvent }>(
      operation('schedule/create-calendar-event'),
      { input },
      { token },
    );

  it("reads the demo month's events as dates, ordered by start", async () => {
    // The reference clock is 2026-11-25; the demo events sit on the 5th–7th and the 15th of that month.
    expect(await readMonth(2026, 11)).toEqual([
      { id: 'schedule-0000000000001', startDate: '2026-11-05', endDate: '2026-11-07', detail: '중간고사' },
      { id: 'schedule-0000000000002', startDate: '2026-11-15', endDate: '2026-11-15', detail: '체육대회' },
    ]);
  });

  it('lets a parent read the calendar (the service reads it without a role check)', async () => {
    expect(await readMonth(2026, 11, tokens.parent)).toHaveLength(2);
  });

  it('reads back what it creates, in every month the event spans, and sends the dates as unix seconds', async () => {
    const input = { startDate: '2026-12-30', endDate: '2027-01-02', detail: '겨울 방학식' };
    const created = await create(input, tokens.teacher);
    expect(created.body.errors).toBeUndefined();
    const event = created.body.data?.createCalendarEvent as CalendarEvent;
    expect(event).toEqual({ id: expect.stringMatching(/^schedule-\d{13}$/), ...input });

    expect(await readMonth(2026, 12)).toContainEqual(event);
    expect(await readMonth(2027, 1)).toContainEqual(event);
    expect(await readMonth(2026, 11)).not.toContainEqual(event);

    // On the wire the service stored the dates and answers them as unix ms at 00:00 (UTC in the reference).
    const raw = await gateway.services.call(
      'schedule',
      ScheduleServiceService,
      'getSchedule',
      { uuid: 'student-000000000001', year: 2026, month: 12 },
      legacyMetadata(),
    );
    expect(raw.schedule.find((s) => s.scheduleUUID === event.id)).toMatchObject({
      startDate: Date.parse('2026-12-30T00:00:00Z'),
      endDate: Date.parse('2027-01-02T00:00:00Z'),
    });
  });

  it('updates any event as an admin and deletes it as a teacher', async () => {
    const created = await create(
      { startDate: '2026-11-20', endDate: '2026-11-20', detail: '학부모 상담' },
      tokens.teacher,
    );
    const id = created.body.data?.createCalendarEvent.id as string;

    const changed = { startDate: '2026-11-26', endDate: '2026-11-27', detail: '학부모 상담 주간' };
    const updated = await gateway.graphql<{ updateCalendarEvent: CalendarEvent }>(
      operation('schedule/update-calendar-event'),
      { id, input: changed },
      { token: tokens.admin },
    );
    expect(updated.body).toEqual({ data: { updateCalendarEvent: { id, ...changed } } });
    expect(await readMonth(2026, 11)).toContainEqual({ id, ...changed });

    const deleted = await gateway.graphql(
      operation('schedule/delete-calendar-event'),
      { id },
      { token: tokens.teacher },
    );
    expect(deleted.body).toEqual({ data: { deleteCalendarEvent: id } });
    expect((await readMonth(2026, 11)).map((e) => e.id)).not.toContain(id);
  });

  it('answers NOT_FOUND for an unknown event', async () => {
    const input = { startDate: '2026-11-20', endDate: '2026-11-20', detail: 'x' };
    const id = 'schedule-9999999999999';
    const updated = await gateway.graphql(
      operation('schedule/update-calendar-event'),
      { id, input },
      { token: tokens.admin },
    );
    expect(updated.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamStatus: 404 });
    expect(updated.body.errors?.[0]?.extensions).not.toHaveProperty('legacyCode');
    const deleted = await gateway.graphql(operation('schedule/delete-calendar-event'), { id }, { token: tokens.admin });
    expect(deleted.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each(['student', 'parent'] as const)(
    'refuses a %s writing the calendar as FORBIDDEN at the edge (the schedule service answered 401)',
    async (role) => {
      const input = { startDate: '2026-11-20', endDate: '2026-11-20', detail: '몰래 추가' };
      const created = await create(input, tokens[role]);
      expect(created.body.data).toBeNull();
      expect(created.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
      const id = 'schedule-0000000000001';
      const updated = await gateway.graphql(
        operation('schedule/update-calendar-event'),
        { id, input },
        { token: tokens[role] },
      );
      expect(updated.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const deleted = await gateway.graphql(
        operation('schedule/delete-calendar-event'),
        { id },
        { token: tokens[role] },
      );
      expect(deleted.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await readMonth(2026, 11)).toHaveLength(2);
    },
  );

  it('answers UNAUTHENTICATED to a read or write without a token', async () => {
    const input = { startDate: '2026-11-20', endDate: '2026-11-20', detail: 'x' };
    const res = await create(input, '');
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    const read = await gateway.graphql(operation('schedule/calendar'), { year: 2026, month: 11 });
    expect(read.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
  });

  it.each([
    ['a detail over 100 characters', { startDate: '2026-11-20', endDate: '2026-11-20', detail: '가'.repeat(101) }],
    ['an empty detail', { startDate: '2026-11-20', endDate: '2026-11-20', detail: '' }],
    ['an end before the start', { startDate: '2026-11-20', endDate: '2026-11-19', detail: '거꾸로' }],
  ])('refuses %s as BAD_USER_INPUT with the validation code', async (_what, input) => {
    const res = await create(input, tokens.teacher);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
  });

  it.each([
    [2026, 13],
    [2026, 0],
    [0, 1],
    [10000, 1],
  ])('refuses year %i month %i as BAD_USER_INPUT', async (year, month) => {
    const res = await gateway.graphql(operation('schedule/calendar'), { year, month }, { token: tokens.student });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
  });

  it('refuses a date that is not a calendar day before calling the service', async () => {
    const input = { startDate: '2026-02-30', endDate: '2026-03-01', detail: 'x' };
    const res = await create(input, tokens.teacher);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
