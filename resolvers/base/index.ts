import type { Resolvers } from '../generated/resolvers-types';
import { Account } from './account-resolve-type';
import { me } from './query-me';
import { scalarResolvers } from './scalars';

export const baseResolvers: Resolvers = {
  ...scalarResolvers,
  Account,
  Query: { me },
};
