import type { MutationResolvers } from '../generated/resolvers-types';
import { loginResultFor } from '../base/login-result';
import { withoutCredentialHints } from './login-failure';
import { primeOwnReads } from './login-own-reads';

export const loginStudent: MutationResolvers['loginStudent'] = async (_parent, { id, password }, context, info) => {
  const reply = await withoutCredentialHints(
    context.clients.auth.student.loginStudentAuth({ StudentID: id, StudentPW: password }),
  );
  await primeOwnReads(reply.LoggedInStudentUUID, context, info);
  return loginResultFor(reply.LoggedInStudentUUID, context);
};
