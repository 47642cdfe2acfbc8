import { isGatewayError, UnauthenticatedError } from '../../core/errors';

/**
 * The auth service's answers to wrong credentials: unknown id and wrong password for each login (admin −431/−432,
 * student −401/−402, teacher −411/−412, parent −421/−422) and PICK's refusal (−414). "Not certified" (−413) comes
 * only after a right password, so it is told as it is.
 */
const WRONG_CREDENTIALS = new Set([-401, -402, -411, -412, -414, -421, -422, -431, -432]);

/**
 * One answer for every failed GraphQL login, whatever was wrong, so the API does not tell which login ids exist.
 * The legacy REST login routes keep the service's codes: their clients branch on them (docs: kept quirks).
 */
export async function withoutCredentialHints<T>(login: Promise<T>): Promise<T> {
  try {
    return await login;
  } catch (error) {
    if (isGatewayError(error) && error.legacyCode !== undefined && WRONG_CREDENTIALS.has(error.legacyCode)) {
      throw new UnauthenticatedError('invalid id or password');
    }
    throw error;
  }
}
