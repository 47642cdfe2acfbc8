import type { StudentResolvers } from '../generated/resolvers-types';

export const studentClassNumber: StudentResolvers['classNumber'] = async (student, _args, { loaders }) =>
  (await loaders.student.load(student.id)).Group;
