import type { GraphQLContext } from '../../src/context';
import type { LoginResult } from '../generated/resolvers-types';
import { accountModelOf } from './account-model';
import type { AccountModel } from './models';

/** Every login signs the gateway's token for the account the service vouched for (legacy-api.md §0.3). */
export function loginResultFor(
  uuid: string,
  context: GraphQLContext,
): Omit<LoginResult, 'account'> & { account: AccountModel } {
  const { token, expiresAt } = context.tokens.sign(uuid);
  return { accessToken: token, expiresAt: expiresAt * 1000, account: accountModelOf(uuid) };
}
