import type { MutationResolvers } from '../generated/resolvers-types';
import { studentModel } from './models';

export const signUpWithAuthCode: MutationResolvers['signUpWithAuthCode'] = async (
  _parent,
  { authCode, loginId, password },
  { clients },
) => {
  const reply = await clients.auth.student.createNewStudentWithAuthCode({
    AuthCode: authCode,
    StudentID: loginId,
    StudentPW: password,
  });
  return studentModel(reply.StudentUUID);
};
