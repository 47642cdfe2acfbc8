import type { QueryResolvers } from '../generated/resolvers-types';

export const clubCount: QueryResolvers['clubCount'] = async (_parent, _args, context) =>
  (await context.clients.club.student.getTotalCountOfClubs({})).Count;
