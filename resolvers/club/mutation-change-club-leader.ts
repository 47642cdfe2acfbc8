import type { MutationResolvers } from '../generated/resolvers-types';
import { reloadClub } from './reload';

export const changeClubLeader: MutationResolvers['changeClubLeader'] = async (
  _parent,
  { clubId, newLeaderId },
  context,
) => {
  await context.clients.club.leader.changeClubLeader({ ClubUUID: clubId, NewLeaderUUID: newLeaderId });
  return reloadClub(context, clubId);
};
