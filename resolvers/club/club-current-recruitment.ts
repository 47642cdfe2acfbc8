import type { ClubResolvers } from '../generated/resolvers-types';
import { recruitmentModelOf } from './recruitment-model';

/**
 * The id comes from the batched `currentRecruitmentId` loader (GetRecruitmentUUIDsWithClubUUIDs), so a list of
 * clubs asks once rather than once per club; "no recruitment in progress" (−1601 in the single-club RPC) is null.
 */
export const currentRecruitment: ClubResolvers['currentRecruitment'] = async (club, _args, context) => {
  const recruitmentId = await context.loaders.currentRecruitmentId.load(club.id);
  if (recruitmentId === null) return null;
  return recruitmentModelOf(await context.loaders.recruitment.load(recruitmentId));
};
