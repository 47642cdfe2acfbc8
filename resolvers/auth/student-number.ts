import type { StudentResolvers } from '../generated/resolvers-types';

export const studentNumber: StudentResolvers['number'] = async (student, _args, { loaders }) =>
  (await loaders.student.load(student.id)).StudentNumber;
