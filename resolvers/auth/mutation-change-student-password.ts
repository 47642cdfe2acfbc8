import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { studentModel } from './models';

export const changeStudentPassword: MutationResolvers['changeStudentPassword'] = async (
  _parent,
  { id, currentPassword, newPassword },
  context,
) => {
  const StudentUUID = id ?? requireCaller(context).uuid;
  await context.clients.auth.student.changeStudentPw({
    StudentUUID,
    CurrentPW: currentPassword,
    RevisionPW: newPassword,
  });
  return studentModel(StudentUUID);
};
