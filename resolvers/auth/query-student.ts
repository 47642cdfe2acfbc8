import type { QueryResolvers } from '../generated/resolvers-types';
import { unknownStudentAsNotFound } from './auth-errors';
import { studentModel } from './models';

/** Loads through the batch loader so several `student` fields of one query make one call. */
export const student: QueryResolvers['student'] = async (_parent, { id }, { loaders }) => {
  await loaders.student.load(id).catch(unknownStudentAsNotFound);
  return studentModel(id);
};
