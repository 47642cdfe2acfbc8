import type { Resolvers } from '../generated/resolvers-types';
import { loginAdmin } from './mutation-login-admin';

export const authResolvers: Resolvers = {
  Mutation: { loginAdmin },
};
