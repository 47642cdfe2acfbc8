import type { QueryResolvers } from '../generated/resolvers-types';
import { clubModelOf } from './club-model';

export const clubs: QueryResolvers['clubs'] = async (_parent, { offset, limit, field, name }, context) => {
  const reply = await context.clients.club.student.getClubsSortByUpdateTime({
    Start: offset ?? 0,
    Count: limit ?? 0,
    Field: field ?? '',
    Name: name ?? '',
  });
  return reply.Informs.map((inform) => {
    // Nested fields and later `club(id)` reads in this request reuse the row instead of asking again.
    context.loaders.club.prime(inform.ClubUUID, inform);
    return clubModelOf(inform);
  });
};
