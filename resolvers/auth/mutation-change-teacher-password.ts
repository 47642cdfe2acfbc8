import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { teacherModel } from './models';

export const changeTeacherPassword: MutationResolvers['changeTeacherPassword'] = async (
  _parent,
  { id, currentPassword, newPassword },
  context,
) => {
  const TeacherUUID = id ?? requireCaller(context).uuid;
  await context.clients.auth.teacher.changeTeacherPw({
    TeacherUUID,
    CurrentPW: currentPassword,
    RevisionPW: newPassword,
  });
  return teacherModel(TeacherUUID);
};
