import type { TeacherResolvers } from '../generated/resolvers-types';

/** Teachers created by a PICK login have no number. */
export const teacherPhoneNumber: TeacherResolvers['phoneNumber'] = async (teacher, _args, { loaders }) =>
  (await loaders.teacher.load(teacher.id)).PhoneNumber || null;
