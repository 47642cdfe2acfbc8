import { ErrorCode } from '../../core/error-codes';
import { GatewayError } from '../../core/errors';

/**
 * The schedule service refuses a role with 401 "UnAuthorized" where the other services use 403 (legacy-api.md
 * §1.8): a student writing the calendar, a teacher or parent asking for a timetable. The status translator makes
 * every 401 UNAUTHENTICATED, which tells a GraphQL client its token is missing or stale and it should sign in
 * again — wrong here, since every schedule field that can be refused requires the token first (`requireCaller`),
 * so the account is known and signing in again cannot help. For GraphQL users it is a role refusal: FORBIDDEN,
 * as the same refusal is from every other service. The upstream facts stay in the extensions.
 */
export async function withScheduleRoleErrors<T>(reply: Promise<T>): Promise<T> {
  try {
    return await reply;
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.UNAUTHENTICATED) {
      throw new GatewayError(ErrorCode.FORBIDDEN, 'not allowed for this account', {
        ...(error.legacyCode === undefined ? {} : { legacyCode: error.legacyCode }),
        details: error.details,
        cause: error,
      });
    }
    throw error;
  }
}
