import type { MutationResolvers } from '../generated/resolvers-types';
import { loginResultFor } from '../base/login-result';
import { withoutCredentialHints } from './login-failure';
import { primeOwnReads } from './login-own-reads';

export const loginParent: MutationResolvers['loginParent'] = async (_parent, { id, password }, context, info) => {
  const reply = await withoutCredentialHints(
    context.clients.auth.parent.loginParentAuth({ ParentID: id, ParentPW: password }),
  );
  await primeOwnReads(reply.LoggedInParentUUID, context, info);
  return loginResultFor(reply.LoggedInParentUUID, context);
};
