import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { addDays, partsOf } from './local-dates';
import { withScheduleRoleErrors } from './schedule-errors';
import { periodsOf } from './timetable-periods';

export const timetable: QueryResolvers['timetable'] = async (_parent, { date, days }, context) => {
  const caller = requireCaller(context);
  // `@constraint(min: 1)` has refused fewer days.
  const count = days ?? 1;
  const reply = await withScheduleRoleErrors(
    context.clients.schedule.schedule.getTimeTables({ ...partsOf(date), count }),
  );
  return reply.timeTable.map((day, i) => {
    const dayDate = addDays(date, i);
    return { id: `${caller.uuid}:${dayDate}`, date: dayDate, periods: periodsOf(day) };
  });
};
