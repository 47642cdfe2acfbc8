import { allow } from 'graphql-shield';
import type { RuleTypeMap } from './shield-types';

/** `me` and the login reply: `me` answers null without a token, the reply is the caller's own. */
export const baseRules: RuleTypeMap = {
  Query: {
    me: allow,
  },
  LoginResult: { '*': allow },
  // An account's id and role are what the caller used to reach it; its other fields are in auth-rules.ts.
  Admin: { '*': allow },
};
