import { mergeResolvers } from '@graphql-tools/merge';
import { announcementResolvers } from './announcement';
import { authResolvers } from './auth';
import { baseResolvers } from './base';
import { clubResolvers } from './club';
import type { Resolvers } from './generated/resolvers-types';
import { outingResolvers } from './outing';
import { scheduleResolvers } from './schedule';

/** Every domain's resolver map, merged per type. */
export const resolvers: Resolvers = mergeResolvers([
  baseResolvers,
  authResolvers,
  clubResolvers,
  outingResolvers,
  scheduleResolvers,
  announcementResolvers,
]) as Resolvers;
