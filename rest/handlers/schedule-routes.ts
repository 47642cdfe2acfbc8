import type { TimeTable } from '../../grpc-clients/generated/schedule/schedule';
import type { RestContext, RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { root, withPath } from '../route-graphql';
import { param } from './account-fields';

const periods = (t: TimeTable) => ({
  time1: t.time1,
  time2: t.time2,
  time3: t.time3,
  time4: t.time4,
  time5: t.time5,
  time6: t.time6,
  time7: t.time7,
});

const EMPTY_DAY: TimeTable = { time1: '', time2: '', time3: '', time4: '', time5: '', time6: '', time7: '' };

/** Path integers of routes 58 and 59, with their legacy ranges; outside → 400 −203 as the validator answered. */
function pathInt(context: RestContext, name: string, min: number, max: number): number | undefined {
  const raw = param(context.params, name);
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  return value >= min && value <= max ? value : undefined;
}

const invalidPath = (name: string) => ({
  status: 400,
  code: -203,
  message: `Key: 'Request.${name}' Error:Field validation for '${name}' failed on the 'int_range' tag`,
});

/** Routes 57–61 (legacy-api.md §1.8): seconds in, milliseconds out; the schedule service answers 401 for roles. */
export const scheduleRoutes: RestRoute[] = [
  {
    id: 57,
    method: 'POST',
    path: '/v1/schedules',
    auth: 'jwt',
    struct: 'CreateScheduleRequest',
    fields: {
      start_date: ['int', 'required,int_len=10'],
      end_date: ['int', 'required,int_len=10'],
      detail: ['string', 'required,max=100'],
    },
    graphql: { denial: 'schedule', field: root('Mutation.createCalendarEvent') },
    writes: () => ({ field: 'createCalendarEvent' }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.schedule.schedule.createSchedule({
          startDate: Number(body.start_date),
          endDate: Number(body.end_date),
          detail: String(body.detail),
        }),
        { status: 201, message: 'succeed to create schedule', fields: (r) => ({ schedule_uuid: r.scheduleUUID }) },
      ),
  },
  {
    id: 58,
    method: 'GET',
    path: '/v1/schedules/years/:year/months/:month',
    auth: 'jwt',
    graphql: { denial: 'schedule', field: root('Query.calendar') },
    cache: { field: 'calendar', entities: () => ['CalendarEvent'] },
    handle: async (context) => {
      const year = pathInt(context, 'year', 1, 9999);
      const month = pathInt(context, 'month', 1, 12);
      if (year === undefined) return invalidPath('Year');
      if (month === undefined) return invalidPath('Month');
      return answer(await context.clients.schedule.schedule.getSchedule({ year, month }), {
        status: 200,
        message: 'succeed to get schedules',
        fields: (r) => ({
          schedules: r.schedule.map((s) => ({
            schedule_uuid: s.scheduleUUID,
            start_date: s.startDate,
            end_date: s.endDate,
            detail: s.detail,
          })),
        }),
      });
    },
  },
  {
    id: 59,
    method: 'GET',
    path: '/v1/time-tables/years/:year/months/:month/days/:day',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetTimeTableRequest',
    fields: { count: ['int', 'min=0'] },
    graphql: { denial: 'schedule', field: root('Query.timetable'), variant: 'days' },
    cache: { field: 'timetable' },
    handle: async (context) => {
      const year = pathInt(context, 'year', 1, 9999);
      const month = pathInt(context, 'month', 1, 12);
      const day = pathInt(context, 'day', 1, 31);
      if (year === undefined) return invalidPath('Year');
      if (month === undefined) return invalidPath('Month');
      if (day === undefined) return invalidPath('Day');
      const count = Number(context.body.count ?? 0) || 1;
      return answer(await context.clients.schedule.schedule.getTimeTables({ year, month, day, count }), {
        status: 200,
        message: 'succeed to get time tables',
        // One day: the periods at the top level; several: `time_tables[]` (legacy-api.md §1.8 route 59).
        fields: (r) => (count <= 1 ? periods(r.timeTable[0] ?? EMPTY_DAY) : { time_tables: r.timeTable.map(periods) }),
      });
    },
  },
  {
    id: 60,
    method: 'PATCH',
    path: '/v1/schedules/uuid/:schedule_uuid',
    auth: 'jwt',
    struct: 'UpdateScheduleRequest',
    fields: {
      start_date: ['int', 'required,int_len=10'],
      end_date: ['int', 'required,int_len=10'],
      detail: ['string', 'required,max=100'],
    },
    graphql: { denial: 'schedule', field: withPath('Mutation.updateCalendarEvent', 'id', 'schedule_uuid') },
    writes: () => ({ field: 'updateCalendarEvent' }),
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.schedule.schedule.updateSchedule({
          scheduleUUID: param(params, 'schedule_uuid'),
          startDate: Number(body.start_date),
          endDate: Number(body.end_date),
          detail: String(body.detail),
        }),
        { status: 200, message: 'succeed to update schedule' },
      ),
  },
  {
    id: 61,
    method: 'DELETE',
    path: '/v1/schedules/uuid/:schedule_uuid',
    auth: 'jwt',
    graphql: { denial: 'schedule', field: withPath('Mutation.deleteCalendarEvent', 'id', 'schedule_uuid') },
    writes: () => ({ field: 'deleteCalendarEvent' }),
    handle: async ({ params, clients }) =>
      answer(await clients.schedule.schedule.deleteSchedule({ scheduleUUID: param(params, 'schedule_uuid') }), {
        status: 200,
        message: 'succeed to delete schedule',
      }),
  },
];
