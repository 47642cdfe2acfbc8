import type { ParentResolvers } from '../generated/resolvers-types';

export const parentName: ParentResolvers['name'] = async (parent, _args, { loaders }) =>
  (await loaders.parent.load(parent.id)).Name;
