import type { CalendarEventInput } from '../generated/resolvers-types';
import { invalidInput } from '../base/invalid-input';
import { noonUtcSecondsOf } from './local-dates';

/**
 * The CreateSchedule/UpdateSchedule fields of an event input; `@constraint` has checked `detail` (1–100, the
 * legacy rule and the service's VARCHAR(100) column). An event that ends before it starts would match no month
 * (the service compares start-month ≤ month ≤ end-month), so it is refused rather than stored unseen: a rule
 * across two fields, which a per-field constraint cannot express.
 */
export function calendarEventFields(input: CalendarEventInput) {
  if (input.endDate < input.startDate) throw invalidInput('endDate must not be before startDate');
  return {
    startDate: noonUtcSecondsOf(input.startDate),
    endDate: noonUtcSecondsOf(input.endDate),
    detail: input.detail,
  };
}
