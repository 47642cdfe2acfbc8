import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { readOuting } from './read-outing';

export const outing: QueryResolvers['outing'] = (_parent, { id }, context) => {
  requireCaller(context);
  return readOuting(id, context);
};
