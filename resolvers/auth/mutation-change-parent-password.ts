import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { parentModel } from './models';

export const changeParentPassword: MutationResolvers['changeParentPassword'] = async (
  _parent,
  { id, currentPassword, newPassword },
  context,
) => {
  const ParentUUID = id ?? requireCaller(context).uuid;
  await context.clients.auth.parent.changeParentPw({
    ParentUUID,
    CurrentPW: currentPassword,
    RevisionPW: newPassword,
  });
  return parentModel(ParentUUID);
};
