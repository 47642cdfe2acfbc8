import type { TeacherResolvers } from '../generated/resolvers-types';

export const teacherName: TeacherResolvers['name'] = async (teacher, _args, { loaders }) =>
  (await loaders.teacher.load(teacher.id)).Name;
