import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { calendarEventFields } from './calendar-input';
import { withScheduleRoleErrors } from './schedule-errors';

export const createCalendarEvent: MutationResolvers['createCalendarEvent'] = async (_parent, { input }, context) => {
  requireCaller(context);
  const reply = await withScheduleRoleErrors(
    context.clients.schedule.schedule.createSchedule(calendarEventFields(input)),
  );
  // The service keeps exactly the dates sent, so the event reads back as given.
  return { id: reply.scheduleUUID, ...input };
};
