import type { StudentResolvers } from '../generated/resolvers-types';

export const studentName: StudentResolvers['name'] = async (student, _args, { loaders }) =>
  (await loaders.student.load(student.id)).Name;
