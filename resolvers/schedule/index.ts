import type { Resolvers } from '../generated/resolvers-types';
import { createCalendarEvent } from './mutation-create-calendar-event';
import { deleteCalendarEvent } from './mutation-delete-calendar-event';
import { updateCalendarEvent } from './mutation-update-calendar-event';
import { calendar } from './query-calendar';
import { timetable } from './query-timetable';

/** The school calendar and the students' timetable (schedule service, legacy-api.md §1.8, §5.5). */
export const scheduleResolvers: Resolvers = {
  Query: { calendar, timetable },
  Mutation: { createCalendarEvent, updateCalendarEvent, deleteCalendarEvent },
};
