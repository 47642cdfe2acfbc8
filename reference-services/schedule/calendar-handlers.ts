import type { ScheduleServiceService } from '../../grpc-clients/generated/schedule/schedule';
import type { ServiceHandlers } from '../shared/implement-service';
import { dateOfUnixSeconds, midnightMs, monthKey } from './calendar-dates';
import type { CalendarStore } from './calendar-store';
import { canWriteCalendar, scheduleReply } from './replies';

type Handlers = ServiceHandlers<typeof ScheduleServiceService>;

/** The `detail` column was VARCHAR(100); a longer value failed the insert, a server error. */
const DETAIL_MAX_LENGTH = 100;

/**
 * The calendar (legacy-api.md §4.2, routes 57, 58, 60, 61): anyone may read a month; teachers and admins may
 * create, update and delete any event. Writes take unix seconds and keep only the date; reads answer unix
 * milliseconds at 00:00 server-local time.
 */
export function createCalendarHandlers(
  calendar: CalendarStore,
): Pick<Handlers, 'getSchedule' | 'createSchedule' | 'updateSchedule' | 'deleteSchedule'> {
  return {
    async getSchedule(request) {
      // No role check: the Java use case never looked at the uuid.
      const schedule = calendar.coveringMonth(monthKey(request.year, request.month)).map((event) => ({
        scheduleUUID: event.uuid,
        startDate: midnightMs(event.startDate),
        endDate: midnightMs(event.endDate),
        detail: event.detail,
      }));
      return { status: 200, schedule };
    },

    async createSchedule(request) {
      if (!canWriteCalendar(request.uuid)) return scheduleReply.unauthorized();
      if (request.detail.length > DETAIL_MAX_LENGTH) return scheduleReply.serverError();
      const event = calendar.create({
        writerUuid: request.uuid,
        startDate: dateOfUnixSeconds(request.startDate),
        endDate: dateOfUnixSeconds(request.endDate),
        detail: request.detail,
      });
      return { status: 201, scheduleUUID: event.uuid };
    },

    async updateSchedule(request) {
      if (!canWriteCalendar(request.uuid)) return scheduleReply.unauthorized();
      if (!calendar.get(request.scheduleUUID)) return scheduleReply.notFound();
      if (request.detail.length > DETAIL_MAX_LENGTH) return scheduleReply.serverError();
      calendar.update(request.scheduleUUID, {
        startDate: dateOfUnixSeconds(request.startDate),
        endDate: dateOfUnixSeconds(request.endDate),
        detail: request.detail,
      });
      return { status: 200, scheduleUUID: request.scheduleUUID };
    },

    async deleteSchedule(request) {
      if (!canWriteCalendar(request.uuid)) return scheduleReply.unauthorized();
      if (!calendar.delete(request.scheduleUUID)) return scheduleReply.notFound();
      return { status: 200, scheduleUUID: request.scheduleUUID };
    },
  };
}
