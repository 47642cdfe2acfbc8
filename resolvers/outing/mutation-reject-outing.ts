import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';

export const rejectOuting: MutationResolvers['rejectOuting'] = async (_parent, { id }, context) => {
  requireCaller(context);
  await context.clients.outing.teacher.rejectOuting({ outingId: id });
  return { id, status: 'REJECTED_BY_TEACHER' };
};
