import type { StudentResolvers } from '../generated/resolvers-types';

export const studentGrade: StudentResolvers['grade'] = async (student, _args, { loaders }) =>
  (await loaders.student.load(student.id)).Grade;
