import type { QueryResolvers } from '../generated/resolvers-types';
import { clubModelOf } from './club-model';

/** Through the loader (GetClubInformsWithUUIDs), which teachers may also call, unlike GetClubInformWithUUID. */
export const club: QueryResolvers['club'] = async (_parent, { id }, context) =>
  clubModelOf(await context.loaders.club.load(id));
