/**
 * Calendar units (legacy-api.md §0.7): create/update take unix seconds and keep only the date; reads give unix
 * milliseconds at 00:00 of the service's own zone. Both conversions below are chosen so the date survives
 * whatever zone the service runs in (UTC in the reference services, possibly KST elsewhere).
 */

const DAY_MS = 86_400_000;

/** Unix seconds at 12:00 UTC of `YYYY-MM-DD`: that instant has the same date in every zone within ±11 h of UTC. */
export function noonUtcSecondsOf(date: string): number {
  return Date.parse(`${date}T12:00:00Z`) / 1000;
}

/** The date of a service midnight: rounded to the nearest UTC midnight, right for any zone within ±12 h of UTC. */
export function dateOfMidnightMs(ms: number): string {
  return new Date(Math.round(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus `days` days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The year, month and day numbers of `YYYY-MM-DD`, as the timetable RPC takes them. */
export function partsOf(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
