import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { calendarEventFields } from './calendar-input';
import { withScheduleRoleErrors } from './schedule-errors';

export const updateCalendarEvent: MutationResolvers['updateCalendarEvent'] = async (
  _parent,
  { id, input },
  context,
) => {
  requireCaller(context);
  const reply = await withScheduleRoleErrors(
    context.clients.schedule.schedule.updateSchedule({ scheduleUUID: id, ...calendarEventFields(input) }),
  );
  return { id: reply.scheduleUUID, ...input };
};
