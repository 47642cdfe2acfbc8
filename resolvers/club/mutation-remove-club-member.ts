import type { MutationResolvers } from '../generated/resolvers-types';
import { reloadClub } from './reload';

export const removeClubMember: MutationResolvers['removeClubMember'] = async (
  _parent,
  { clubId, studentId },
  context,
) => {
  await context.clients.club.leader.deleteClubMember({ ClubUUID: clubId, StudentUUID: studentId });
  return reloadClub(context, clubId);
};
