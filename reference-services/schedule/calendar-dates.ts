/**
 * Time units of the calendar (legacy-api.md §0.7): create/update take unix seconds and keep only the date;
 * GetSchedule answers unix milliseconds at 00:00 server-local time. The reference services use UTC as the
 * server-local zone, as the legacy containers did.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (server-local) of a unix-seconds instant: the Java service kept `toLocalDate()` only. */
export function dateOfUnixSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

/** Unix milliseconds of 00:00 server-local time on `YYYY-MM-DD`. */
export function midnightMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** `YYYY-MM` of a `YYYY-MM-DD` date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** `YYYY-MM` as the legacy query formatted the requested month (`year + "-" + %02d month`). */
export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * Whether an event's start-month … end-month range covers the month: the legacy query was
 * `? BETWEEN date_format(start) AND date_format(end)` on `YYYY-MM` strings, so days inside the month do not
 * matter and an event that ends before it starts covers nothing.
 */
export function coversMonth(startDate: string, endDate: string, month: string): boolean {
  return monthOf(startDate) <= month && month <= monthOf(endDate);
}

/**
 * The `YYYY-MM-DD` of a calendar day, or undefined when the day does not exist (Java's `LocalDate.of` threw,
 * which surfaced as a server error).
 */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The date `days` days after `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(midnightMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}
