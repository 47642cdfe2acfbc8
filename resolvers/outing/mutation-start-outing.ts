import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { readOuting } from './read-outing';

/** Only the owning student may start an outing, and may read it back. */
export const startOuting: MutationResolvers['startOuting'] = async (_parent, { id }, context) => {
  requireCaller(context);
  await context.clients.outing.student.startGoOut({ outingId: id });
  return readOuting(id, context);
};
