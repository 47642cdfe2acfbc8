import type { MutationResolvers } from '../generated/resolvers-types';
import { reloadClub } from './reload';

/** The service answers 201 here, unlike its siblings (legacy route 42 QUIRK); both are a success. */
export const addClubMember: MutationResolvers['addClubMember'] = async (_parent, { clubId, studentId }, context) => {
  await context.clients.club.leader.addClubMember({ ClubUUID: clubId, StudentUUID: studentId });
  return reloadClub(context, clubId);
};
