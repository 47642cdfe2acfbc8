import { ErrorCode } from '../../core/error-codes';
import { isGatewayError, NotFoundError } from '../../core/errors';

/** Auth service codes the resolvers turn into other answers (legacy-api.md §5.2). */
export const AuthLegacyCode = {
  UNKNOWN_STUDENT_IN_LIST: -601,
  NO_STUDENT_MATCHES: -501,
  NO_TEACHER_MATCHES: -511,
  NO_PARENT_MATCHES: -521,
} as const;

export function hasLegacyCode(error: unknown, code: number): boolean {
  return isGatewayError(error) && error.legacyCode === code;
}

/** A service 409 without a code: the only "business" outcome of that RPC that has none (e.g. "no parent"). */
export function isUncodedConflict(error: unknown): boolean {
  return isGatewayError(error) && error.code === ErrorCode.CONFLICT && error.legacyCode === undefined;
}

/**
 * The `Get*UUIDsWithInform` searches answer 409 when nothing matches (legacy routes 12, 22, 27); a GraphQL list
 * answers that with an empty list.
 */
export async function noneMatchAsEmpty<T>(
  search: Promise<T>,
  noneMatchCode: number,
  idsOf: (reply: T) => string[],
): Promise<string[]> {
  try {
    return idsOf(await search);
  } catch (error) {
    if (hasLegacyCode(error, noneMatchCode)) return [];
    throw error;
  }
}

/**
 * Students are read with the batch RPC, which rejects a whole list with 409 −601 when one id is unknown; for a
 * lookup by id that is "not found", so it is reported as NOT_FOUND (keeping −601).
 */
export function unknownStudentAsNotFound(error: unknown): never {
  if (isGatewayError(error) && hasLegacyCode(error, AuthLegacyCode.UNKNOWN_STUDENT_IN_LIST)) {
    throw new NotFoundError(error.message, { legacyCode: error.legacyCode, details: error.details, cause: error });
  }
  throw error;
}
