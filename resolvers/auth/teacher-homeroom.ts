import type { TeacherResolvers } from '../generated/resolvers-types';

/** Grade and class 0 is "no homeroom class" in the legacy model. */
export const teacherHomeroom: TeacherResolvers['homeroom'] = async (teacher, _args, { loaders }) => {
  const { Grade, Group } = await loaders.teacher.load(teacher.id);
  return Grade === 0 || Group === 0 ? null : { id: `${Grade}-${Group}`, grade: Grade, classNumber: Group };
};
