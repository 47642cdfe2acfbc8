import type { MutationResolvers } from '../generated/resolvers-types';
import { teacherModel } from './models';

export const registerTeacher: MutationResolvers['registerTeacher'] = async (_parent, { input }, { clients }) => {
  const reply = await clients.auth.teacher.createNewTeacher({
    TeacherID: input.loginId,
    TeacherPW: input.password,
    // 0/0 is "no homeroom class" in the legacy model.
    Grade: input.grade ?? 0,
    Group: input.classNumber ?? 0,
    Name: input.name,
    PhoneNumber: input.phoneNumber,
  });
  return teacherModel(reply.CreatedTeacherUUID);
};
