import type { QueryResolvers } from '../generated/resolvers-types';

export const currentRecruitmentCount: QueryResolvers['currentRecruitmentCount'] = async (_parent, _args, context) =>
  (await context.clients.club.student.getTotalCountOfCurrentRecruitments({})).Count;
