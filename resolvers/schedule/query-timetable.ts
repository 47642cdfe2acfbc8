import type { QueryResolvers } from '../generated/resolvers-types';
import { invalidInput } from '../base/invalid-input';
import { requireCaller } from '../base/require-caller';
import { addDays, partsOf } from './local-dates';
import { withScheduleRoleErrors } from './schedule-errors';
import { periodsOf } from './timetable-periods';

export const timetable: QueryResolvers['timetable'] = async (_parent, { date, days }, context) => {
  requireCaller(context);
  const count = days ?? 1;
  if (count < 1) throw invalidInput('days must be at least 1');
  const reply = await withScheduleRoleErrors(
    context.clients.schedule.schedule.getTimeTables({ ...partsOf(date), count }),
  );
  return reply.timeTable.map((day, i) => ({ date: addDays(date, i), periods: periodsOf(day) }));
};
