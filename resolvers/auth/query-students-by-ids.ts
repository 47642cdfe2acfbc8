import type { QueryResolvers } from '../generated/resolvers-types';
import { unknownStudentAsNotFound } from './auth-errors';
import { studentModel } from './models';

export const studentsByIds: QueryResolvers['studentsByIds'] = async (_parent, { ids }, { loaders }) => {
  for (const result of await loaders.student.loadMany(ids)) {
    if (result instanceof Error) unknownStudentAsNotFound(result);
  }
  return ids.map(studentModel);
};
