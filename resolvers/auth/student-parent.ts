import type { StudentResolvers } from '../generated/resolvers-types';
import { isUncodedConflict } from './auth-errors';
import { parentModel } from './models';

export const studentParent: StudentResolvers['parent'] = async (student, _args, { clients, loaders }) => {
  try {
    const reply = await clients.auth.student.getParentWithStudentUuid({ StudentUUID: student.id });
    // The reply already holds the parent's fields: spare `Parent.name`/`phoneNumber` a second read.
    loaders.parent.prime(reply.ParentUUID, {
      Status: 200,
      Code: 0,
      Message: reply.Message,
      Name: reply.Name,
      PhoneNumber: reply.PhoneNumber,
    });
    return parentModel(reply.ParentUUID);
  } catch (error) {
    // 409 without a code is "this student has no parent" (legacy route 14).
    if (isUncodedConflict(error)) return null;
    throw error;
  }
};
