import type { StatusConvention } from './implement-service';
import { goMessage, goStatus, snakeStatus } from './status';

/** auth and club (Go, go-micro): `Status`/`Code`/`Message` with the Go message formats. */
export const goConvention: StatusConvention = {
  rejectMetadata: (_problem, detail) => goStatus(407, goMessage.proxyAuthRequired(detail)),
  unexpected: (error) => goStatus(500, goMessage.internal(error.message)),
};

/** outing (Python): 407 with −402 for a bad `x-request-id`, −401 for a bad `span-context`; 500 carries the text. */
export const outingConvention: StatusConvention = {
  rejectMetadata: (problem, detail) => snakeStatus(407, detail, problem === 'x-request-id' ? -402 : -401),
  unexpected: (error) => snakeStatus(500, error.message),
};

/**
 * schedule (Java): the legacy service only read the headers; the reference service rejects like the others
 * (issue #3), with code 0 as every schedule error has.
 */
export const scheduleConvention: StatusConvention = {
  rejectMetadata: (_problem, detail) => snakeStatus(407, `proxy auth required (reason: ${detail})`),
  unexpected: (error) => snakeStatus(500, error.message),
};

/** announcement (Kotlin): every error carries code −1000 (legacy-api.md §5.6). */
export const announcementConvention: StatusConvention = {
  rejectMetadata: (_problem, detail) => snakeStatus(407, `proxy auth required (reason: ${detail})`, -1000),
  unexpected: (error) => snakeStatus(500, error.message, -1000),
};
