import type { QueryResolvers } from '../generated/resolvers-types';
import { AuthLegacyCode, noneMatchAsEmpty } from './auth-errors';
import { parentModel } from './models';

/** Legacy route 27. */
export const parents: QueryResolvers['parents'] = async (_parent, { filter }, { clients }) => {
  const search = clients.auth.parent.getParentUuiDsWithInform({
    Name: filter.name ?? '',
    PhoneNumber: filter.phoneNumber ?? '',
  });
  const ids = await noneMatchAsEmpty(search, AuthLegacyCode.NO_PARENT_MATCHES, (reply) => reply.ParentUUIDs);
  return ids.map(parentModel);
};
