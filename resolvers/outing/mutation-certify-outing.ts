import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';

export const certifyOuting: MutationResolvers['certifyOuting'] = async (_parent, { id }, context) => {
  requireCaller(context);
  await context.clients.outing.teacher.certifyOuting({ outingId: id });
  return { id, status: 'CERTIFIED' };
};
