import type { QueryResolvers } from '../generated/resolvers-types';
import { parentModel } from './models';

export const parent: QueryResolvers['parent'] = async (_parent, { id }, { loaders }) => {
  await loaders.parent.load(id);
  return parentModel(id);
};
