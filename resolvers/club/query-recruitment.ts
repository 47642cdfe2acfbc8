import type { QueryResolvers } from '../generated/resolvers-types';
import { recruitmentModelOf } from './recruitment-model';

export const recruitment: QueryResolvers['recruitment'] = async (_parent, { id }, context) =>
  recruitmentModelOf(await context.loaders.recruitment.load(id));
