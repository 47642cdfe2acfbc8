import type { StudentResolvers } from '../generated/resolvers-types';

export const studentPhoneNumber: StudentResolvers['phoneNumber'] = async (student, _args, { loaders }) =>
  (await loaders.student.load(student.id)).PhoneNumber;
