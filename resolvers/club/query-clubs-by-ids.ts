import type { QueryResolvers } from '../generated/resolvers-types';
import { clubModelOf } from './club-model';

/** One GetClubInformsWithUUIDs call in the order asked; its 404 for any unknown id fails the whole field. */
export const clubsByIds: QueryResolvers['clubsByIds'] = async (_parent, { ids }, context) => {
  const reply = await context.clients.club.student.getClubInformsWithUuiDs({ ClubUUIDs: ids });
  return reply.Informs.map((inform) => {
    context.loaders.club.prime(inform.ClubUUID, inform);
    return clubModelOf(inform);
  });
};
