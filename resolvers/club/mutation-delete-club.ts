import type { MutationResolvers } from '../generated/resolvers-types';

export const deleteClub: MutationResolvers['deleteClub'] = async (_parent, { id }, context) => {
  await context.clients.club.leader.deleteClubWithUuid({ ClubUUID: id });
  context.loaders.club.clear(id);
  return id;
};
