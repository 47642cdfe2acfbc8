import type { MutationResolvers } from '../generated/resolvers-types';

export const deleteRecruitment: MutationResolvers['deleteRecruitment'] = async (_parent, { id }, context) => {
  await context.clients.club.leader.deleteRecruitmentWithUuid({ RecruitmentUUID: id });
  context.loaders.recruitment.clear(id);
  // Which club it belonged to is not known here; a later `currentRecruitment` in this request must ask again.
  context.loaders.currentRecruitmentId.clearAll();
  return id;
};
