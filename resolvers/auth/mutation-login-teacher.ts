import type { MutationResolvers } from '../generated/resolvers-types';
import { loginResultFor } from '../base/login-result';
import { primeOwnReads } from './login-own-reads';

/** One field for both teacher logins (legacy routes 18 and 19); `via` picks the RPC. */
export const loginTeacher: MutationResolvers['loginTeacher'] = async (
  _parent,
  { id, password, via },
  context,
  info,
) => {
  const request = { TeacherID: id, TeacherPW: password };
  const reply =
    via === 'PICK'
      ? await context.clients.auth.teacher.loginTeacherAuthWithPick(request)
      : await context.clients.auth.teacher.loginTeacherAuth(request);
  await primeOwnReads(reply.LoggedInTeacherUUID, context, info);
  return loginResultFor(reply.LoggedInTeacherUUID, context);
};
