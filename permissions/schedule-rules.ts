import { allow } from 'graphql-shield';
import type { RuleTypeMap } from './shield-types';
import { hasRole, isAuthenticated, isStudent } from './rules';

const isTeacherOrAdmin = hasRole(['teacher', 'admin']);

/**
 * Calendar and timetable (legacy routes 57–61): every signed-in account reads the calendar (parents too: the
 * legacy 401 for parents was a bug, design.md §6), teachers and admins change any event, only students have a
 * timetable.
 */
export const scheduleRules: RuleTypeMap = {
  Query: {
    calendar: isAuthenticated,
    timetable: isStudent,
  },
  Mutation: {
    createCalendarEvent: isTeacherOrAdmin,
    updateCalendarEvent: isTeacherOrAdmin,
    deleteCalendarEvent: isTeacherOrAdmin,
  },
  CalendarEvent: { '*': allow },
  TimetableDay: { '*': allow },
};
