import type { QueryResolvers } from '../generated/resolvers-types';

export const unsignedStudent: QueryResolvers['unsignedStudent'] = async (_parent, { authCode }, { clients }) => {
  const reply = await clients.auth.student.getUnsignedStudentWithAuthCode({ AuthCode: authCode });
  return {
    id: String(reply.AuthCode),
    authCode: reply.AuthCode,
    name: reply.Name,
    grade: reply.Grade,
    classNumber: reply.Group,
    number: reply.StudentNumber,
    phoneNumber: reply.PhoneNumber,
  };
};
