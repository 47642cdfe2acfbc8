import type { MutationResolvers } from '../generated/resolvers-types';
import { loginResultFor } from '../base/login-result';
import { withoutCredentialHints } from './login-failure';

export const loginAdmin: MutationResolvers['loginAdmin'] = async (_parent, { id, password }, context) => {
  const reply = await withoutCredentialHints(
    context.clients.auth.admin.loginAdminAuth({ AdminID: id, AdminPW: password }),
  );
  return loginResultFor(reply.LoggedInAdminUUID, context);
};
