import type { ScheduleServiceService, TimeTable } from '../../grpc-clients/generated/schedule/schedule';
import type { CallContext, ServiceHandlers } from '../shared/implement-service';
import type { PeerClients } from '../shared/peer-clients';
import type { SnakeStatus } from '../shared/status';
import { addDays, calendarDate } from './calendar-dates';
import { callerRole, scheduleReply } from './replies';
import { lookUpStudentClass } from './student-class';
import type { TimetableStore } from './timetable-store';

type Handlers = ServiceHandlers<typeof ScheduleServiceService>;

type DaysResult = { ok: true; days: TimeTable[] } | { ok: false; reply: SnakeStatus };

/**
 * GetTimeTable / GetTimeTables: students only; the grade and class come from auth (legacy-api.md §4.2).
 * Days without classes are rows of empty strings; a day outside the two fetched months has no row and the Java
 * service answered 404 for the whole call.
 */
export function createTimetableHandlers(
  timetables: TimetableStore,
  peers: PeerClients,
): Pick<Handlers, 'getTimeTable' | 'getTimeTables'> {
  async function readDays(
    uuid: string,
    start: { year: number; month: number; day: number },
    count: number,
    ctx: CallContext,
  ): Promise<DaysResult> {
    if (callerRole(uuid) !== 'student') return { ok: false, reply: scheduleReply.unauthorized() };
    const first = calendarDate(start.year, start.month, start.day);
    // Java's LocalDate.of threw on an impossible date; that surfaced as a server error.
    if (first === undefined) return { ok: false, reply: scheduleReply.serverError() };
    if (count <= 0) return { ok: true, days: [] };
    const student = await lookUpStudentClass(peers, uuid, ctx);
    if (!student.ok) return { ok: false, reply: scheduleReply.unavailable() };
    const days: TimeTable[] = [];
    for (let i = 0; i < count; i += 1) {
      const row = timetables.find(student.grade, student.group, addDays(first, i));
      if (!row) return { ok: false, reply: scheduleReply.notFound() };
      days.push(row);
    }
    return { ok: true, days };
  }

  return {
    async getTimeTable(request, ctx) {
      const result = await readDays(request.uuid, request, 1, ctx);
      if (!result.ok) return result.reply;
      return { status: 200, ...result.days[0] };
    },
    async getTimeTables(request, ctx) {
      const result = await readDays(request.uuid, request, request.count, ctx);
      if (!result.ok) return result.reply;
      return { status: 200, timeTable: result.days };
    },
  };
}
