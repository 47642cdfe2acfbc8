import type { QueryResolvers } from '../generated/resolvers-types';
import { invalidInput } from '../base/invalid-input';
import { requireCaller } from '../base/require-caller';
import { dateOfMidnightMs } from './local-dates';

export const calendar: QueryResolvers['calendar'] = async (_parent, { year, month }, context) => {
  // The service reads the calendar for anyone; the legacy route still required a token (route 58).
  requireCaller(context);
  // The legacy route's path rules (year 1–9999, month 1–12, legacy-api.md §1.8 route 58).
  if (year < 1 || year > 9999) throw invalidInput('year must be 1 to 9999');
  if (month < 1 || month > 12) throw invalidInput('month must be 1 to 12');
  const reply = await context.clients.schedule.schedule.getSchedule({ year, month });
  return reply.schedule
    .map((event) => ({
      id: event.scheduleUUID,
      startDate: dateOfMidnightMs(event.startDate),
      endDate: dateOfMidnightMs(event.endDate),
      detail: event.detail,
    }))
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
};
