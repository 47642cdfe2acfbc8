import { mergeResolvers } from '@graphql-tools/merge';
import { authResolvers } from './auth';
import { baseResolvers } from './base';
import type { Resolvers } from './generated/resolvers-types';

/** Every domain's resolver map, merged per type. */
export const resolvers: Resolvers = mergeResolvers([baseResolvers, authResolvers]) as Resolvers;
