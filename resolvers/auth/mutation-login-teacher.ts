import type { MutationResolvers } from '../generated/resolvers-types';
import { loginResultFor } from '../base/login-result';
import { withoutCredentialHints } from './login-failure';
import { primeOwnReads } from './login-own-reads';

/** One field for both teacher logins (legacy routes 18 and 19); `via` picks the RPC. */
export const loginTeacher: MutationResolvers['loginTeacher'] = async (
  _parent,
  { id, password, via },
  context,
  info,
) => {
  const request = { TeacherID: id, TeacherPW: password };
  const reply = await withoutCredentialHints(
    via === 'PICK'
      ? context.clients.auth.teacher.loginTeacherAuthWithPick(request)
      : context.clients.auth.teacher.loginTeacherAuth(request),
  );
  await primeOwnReads(reply.LoggedInTeacherUUID, context, info);
  return loginResultFor(reply.LoggedInTeacherUUID, context);
};
