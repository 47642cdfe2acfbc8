import type { StudentResolvers } from '../generated/resolvers-types';

export const studentProfileImageUri: StudentResolvers['profileImageUri'] = async (student, _args, { loaders }) =>
  (await loaders.student.load(student.id)).ImageURI;
