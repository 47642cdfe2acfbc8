import type { QueryResolvers } from '../generated/resolvers-types';

export const clubFields: QueryResolvers['clubFields'] = async (_parent, _args, context) =>
  (await context.clients.club.student.getAllClubFields({})).Fields;
