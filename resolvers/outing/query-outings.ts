import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { legacyOutingStatus } from './outing-enums';
import { outingOfFilterRow } from './outing-model';
import { secondsOf } from './outing-times';

/** 0 means "no criterion" for every filter field, and "all" for `count` (legacy-api.md §0.5, §4.1). */
export const outings: QueryResolvers['outings'] = async (_parent, { filter, offset, limit }, context) => {
  requireCaller(context);
  const reply = await context.clients.outing.teacher.getOutingWithFilter({
    status: filter?.status ? legacyOutingStatus(filter.status) : '',
    grade: filter?.grade ?? 0,
    group: filter?.classNumber ?? 0,
    floor: filter?.floor ?? 0,
    startTime: filter?.from ? secondsOf(filter.from) : 0,
    endTime: filter?.to ? secondsOf(filter.to) : 0,
    start: offset ?? 0,
    count: limit ?? 0,
  });
  return reply.outing.map(outingOfFilterRow);
};
