import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { withScheduleRoleErrors } from './schedule-errors';

export const deleteCalendarEvent: MutationResolvers['deleteCalendarEvent'] = async (_parent, { id }, context) => {
  requireCaller(context);
  const reply = await withScheduleRoleErrors(context.clients.schedule.schedule.deleteSchedule({ scheduleUUID: id }));
  return reply.scheduleUUID;
};
