import { GraphQLError } from 'graphql';
import { LegacyGatewayCode } from '../core/error-codes';
import { BadUserInputError } from '../core/errors';
import type { ConstraintViolation } from './constraint-directive';

/** A violation as the client sees it in `extensions.fields`: which field (response path) and which value. */
export interface FieldViolation extends ConstraintViolation {
  /** The response path of the field whose argument broke the rule, such as `createStudent`. */
  field: string;
}

/** The one error an operation with invalid input gets: every violation listed, the legacy validation code. */
export function invalidInputError(violations: readonly FieldViolation[]): GraphQLError {
  const summary = violations.map((v) => v.message).join('; ');
  const error = new BadUserInputError(`Invalid input: ${summary}.`, {
    legacyCode: LegacyGatewayCode.VALIDATION_FAILURE,
    details: { fields: violations.map(({ field, path, rule, message }) => ({ field, path, rule, message })) },
  });
  return new GraphQLError(error.message, {
    originalError: error,
    // Apollo reads the status from `extensions.http` and removes it from the response.
    extensions: { ...error.toExtensions(), http: { status: error.httpStatus } },
  });
}
