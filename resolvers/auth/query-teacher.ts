import type { QueryResolvers } from '../generated/resolvers-types';
import { teacherModel } from './models';

export const teacher: QueryResolvers['teacher'] = async (_parent, { id }, { loaders }) => {
  await loaders.teacher.load(id);
  return teacherModel(id);
};
