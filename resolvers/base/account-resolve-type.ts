import type { AccountResolvers } from '../generated/resolvers-types';

const TYPE_OF_ROLE = { ADMIN: 'Admin', STUDENT: 'Student', TEACHER: 'Teacher', PARENT: 'Parent' } as const;

/** An account's GraphQL type follows from its role. */
export const Account: Pick<AccountResolvers, '__resolveType'> = {
  __resolveType: (account) => TYPE_OF_ROLE[account.role],
};
