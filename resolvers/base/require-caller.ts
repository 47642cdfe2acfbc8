import type { Caller } from '../../core/access-tokens';
import { LegacyGatewayCode } from '../../core/error-codes';
import { UnauthenticatedError } from '../../core/errors';
import type { GraphQLContext } from '../../src/context';

/** The calling account, for fields that act on "my" data; without a token the field fails UNAUTHENTICATED. */
export function requireCaller(context: GraphQLContext): Caller {
  if (!context.caller) {
    throw new UnauthenticatedError('authentication required', {
      legacyCode: LegacyGatewayCode.NO_AUTHORIZATION_HEADER,
    });
  }
  return context.caller;
}
