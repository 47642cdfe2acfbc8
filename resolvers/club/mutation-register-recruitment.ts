import type { MutationResolvers } from '../generated/resolvers-types';
import { recruitMembersOf } from './recruitment-model';
import { reloadRecruitment } from './reload';

export const registerRecruitment: MutationResolvers['registerRecruitment'] = async (
  _parent,
  { clubId, concept, endPeriod, members },
  context,
) => {
  const reply = await context.clients.club.leader.registerRecruitment({
    ClubUUID: clubId,
    RecruitConcept: concept,
    // "" = open-ended (legacy-api.md §4.3).
    EndPeriod: endPeriod ?? '',
    RecruitMembers: recruitMembersOf(members),
  });
  context.loaders.currentRecruitmentId.clear(clubId);
  return reloadRecruitment(context, reply.RecruitmentUUID);
};
