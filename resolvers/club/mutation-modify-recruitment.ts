import type { MutationResolvers } from '../generated/resolvers-types';
import { recruitMembersOf } from './recruitment-model';
import { reloadRecruitment } from './reload';

/**
 * Legacy route 47 also validated an `end_period` it never forwarded (the proto has no such field), so there is
 * no `endPeriod` argument here. Empty values keep what is there.
 */
export const modifyRecruitment: MutationResolvers['modifyRecruitment'] = async (
  _parent,
  { id, concept, members },
  context,
) => {
  await context.clients.club.leader.modifyRecruitment({
    RecruitmentUUID: id,
    RecruitConcept: concept ?? '',
    RecruitMembers: recruitMembersOf(members ?? []),
  });
  return reloadRecruitment(context, id);
};
