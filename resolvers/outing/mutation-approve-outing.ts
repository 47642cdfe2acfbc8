import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';

export const approveOuting: MutationResolvers['approveOuting'] = async (_parent, { id }, context) => {
  requireCaller(context);
  await context.clients.outing.teacher.approveOuting({ outingId: id });
  return { id, status: 'APPROVED' };
};
