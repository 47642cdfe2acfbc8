import { ErrorCode } from '../../core/error-codes';
import { GatewayError } from '../../core/errors';

/**
 * CreateOuting's time-rule refusals carry the legacy service's exception texts, and one of them reads backwards:
 * "The start time must be earlier than the current time." is what a start in the past gets. REST passes the texts
 * on unchanged (legacy clients may match them); GraphQL says each rule plainly and keeps the service's text in
 * `extensions.serviceMessage`.
 */
const PLAIN_TIME_RULES: Readonly<Record<string, string>> = {
  'The start time must be earlier than the current time.': 'An outing cannot start in the past.',
  'Start time should be today.': 'An outing must start today (KST).',
  'The end time cannot be the day after the start time.': 'An outing must end by midnight (KST) of the day it starts.',
  'The start time cannot be bigger than the end time.': 'An outing must end after it starts.',
};

export async function withPlainTimeRefusals<T>(reply: Promise<T>): Promise<T> {
  try {
    return await reply;
  } catch (error) {
    throw plainTimeRefusal(error);
  }
}

function plainTimeRefusal(error: unknown): unknown {
  if (!(error instanceof GatewayError) || error.code !== ErrorCode.BAD_USER_INPUT) return error;
  if (!Object.hasOwn(PLAIN_TIME_RULES, error.message)) return error;
  return new GatewayError(ErrorCode.BAD_USER_INPUT, PLAIN_TIME_RULES[error.message] as string, {
    ...(error.legacyCode === undefined ? {} : { legacyCode: error.legacyCode }),
    details: { ...error.details, serviceMessage: error.message },
    cause: error,
  });
}
