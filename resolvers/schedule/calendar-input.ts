import type { CalendarEventInput } from '../generated/resolvers-types';
import { invalidInput } from '../base/invalid-input';
import { noonUtcSecondsOf } from './local-dates';

/** The legacy gateway's `detail` rule (required, ≤ 100) matches the service's VARCHAR(100) column. */
const DETAIL_MAX_LENGTH = 100;

/**
 * The CreateSchedule/UpdateSchedule fields of an event input. An event that ends before it starts would match
 * no month (the service compares start-month ≤ month ≤ end-month), so it is refused rather than stored unseen.
 */
export function calendarEventFields(input: CalendarEventInput) {
  const detailLength = [...input.detail].length;
  if (detailLength === 0 || detailLength > DETAIL_MAX_LENGTH) {
    throw invalidInput(`detail must be 1 to ${DETAIL_MAX_LENGTH} characters`);
  }
  if (input.endDate < input.startDate) throw invalidInput('endDate must not be before startDate');
  return {
    startDate: noonUtcSecondsOf(input.startDate),
    endDate: noonUtcSecondsOf(input.endDate),
    detail: input.detail,
  };
}
