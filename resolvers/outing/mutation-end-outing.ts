import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';

/** FinishGoOut sits in OutingStudent but is a teacher action (legacy-api.md §6.6). */
export const endOuting: MutationResolvers['endOuting'] = async (_parent, { id }, context) => {
  requireCaller(context);
  await context.clients.outing.student.finishGoOut({ outingId: id });
  return { id, status: 'RETURNED' };
};
