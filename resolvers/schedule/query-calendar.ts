import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { dateOfMidnightMs } from './local-dates';

export const calendar: QueryResolvers['calendar'] = async (_parent, { year, month }, context) => {
  // The service reads the calendar for anyone; the legacy route still required a token (route 58).
  requireCaller(context);
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
