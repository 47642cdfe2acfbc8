import { LegacyGatewayCode } from '../../core/error-codes';
import { BadUserInputError } from '../../core/errors';

/**
 * An argument the legacy gateway's validator would have refused (400, code −203, legacy-api.md §0.5): ranges,
 * lengths, required values. GraphQL types catch the shape; this catches the values.
 */
export function invalidInput(message: string): BadUserInputError {
  return new BadUserInputError(message, { legacyCode: LegacyGatewayCode.VALIDATION_FAILURE });
}
