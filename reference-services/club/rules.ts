/**
 * Pure club and recruitment rules (legacy-api.md §4.3), kept apart from the handlers so they can be unit-tested.
 * "Server-local" time in the Go services is UTC here, as in `shared/clock.ts`.
 */
import { utcDate } from '../shared/clock';
import { isUuidOf } from '../shared/ids';

export const DAY_MS = 86_400_000;

/** Character count as Go's validator counts it (runes, not UTF-16 units). */
export function runeLength(value: string): number {
  return [...value].length;
}

/** Unix ms of 00:00 UTC of a `YYYY-MM-DD` date. */
export function dateStartMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Today's date in server-local time, the recruitment `StartPeriod`. */
export function todayDate(nowMs: number): string {
  return utcDate(nowMs);
}

/**
 * "Current" = `end_period >= now - 1 day`, or no end period. The end period is a date at 00:00, so a recruitment
 * ending on day D stays current until D+1 00:00.
 */
export function isCurrentRecruitment(endPeriod: string, nowMs: number): boolean {
  return endPeriod === '' || dateStartMs(endPeriod) >= nowMs - DAY_MS;
}

const ATOI = /^[+-]?\d+$/;

/**
 * Parses `EndPeriod` as the Go handler did: three `-`-separated parts of 4, 2 and 2 characters that `strconv.Atoi`
 * accepts. `time.Date` then normalises out-of-range values (2026-02-31 → 2026-03-03), and so do we.
 * Returns the normalised `YYYY-MM-DD`, or undefined when the value is malformed.
 */
export function parseEndPeriod(value: string): string | undefined {
  const parts = value.split('-');
  if (parts.length !== 3) return undefined;
  const [year, month, day] = parts as [string, string, string];
  const valid = (part: string, length: number) => part.length === length && ATOI.test(part);
  if (!valid(year, 4) || !valid(month, 2) || !valid(day, 2)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return utcDate(date.getTime());
}

/** −2002: the end date lies before today (an end date of today is allowed). */
export function isEndBeforeToday(endPeriod: string, nowMs: number): boolean {
  return dateStartMs(endPeriod) < dateStartMs(todayDate(nowMs));
}

/** The custom `range=a~b` validator of the Go models on a numeric string. */
export function inIntRange(value: string, min: number, max: number): boolean {
  if (!ATOI.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

function lengthBetween(value: string, min: number, max: number): boolean {
  const length = runeLength(value);
  return length >= min && length <= max;
}

/** The `validate` tags of the Go `Club` model; returns the failing field or undefined. */
export function clubModelProblem(club: { uuid: string; leaderUuid: string }): string | undefined {
  if (!isUuidOf('club', club.uuid) || club.uuid.length !== 17) return 'UUID';
  if (!isUuidOf('student', club.leaderUuid) || club.leaderUuid.length !== 20) return 'LeaderUUID';
  return undefined;
}

export interface ClubInformFields {
  name: string;
  clubConcept: string;
  introduction: string;
  field: string;
  location: string;
  floor: string;
  link: string;
  logoUri: string;
}

/** The `validate` tags of the Go `ClubInform` model on a complete record (create). */
export function clubInformProblem(inform: ClubInformFields): string | undefined {
  if (!lengthBetween(inform.name, 1, 30)) return 'Name';
  if (runeLength(inform.clubConcept) > 40) return 'ClubConcept';
  if (runeLength(inform.introduction) > 150) return 'Introduction';
  if (!lengthBetween(inform.field, 1, 20)) return 'Field';
  if (!lengthBetween(inform.location, 1, 20)) return 'Location';
  if (!inIntRange(inform.floor, 1, 5)) return 'Floor';
  if (runeLength(inform.link) > 100) return 'Link';
  if (!lengthBetween(inform.logoUri, 1, 100)) return 'LogoURI';
  return undefined;
}

/** ModifyClubInform validates only the fields it sets (gorm `Updates` skips zero values). */
export function clubInformUpdateProblem(update: {
  clubConcept: string;
  introduction: string;
  link: string;
}): string | undefined {
  if (runeLength(update.clubConcept) > 40) return 'ClubConcept';
  if (runeLength(update.introduction) > 150) return 'Introduction';
  if (runeLength(update.link) > 100) return 'Link';
  return undefined;
}

/**
 * QUIRK (legacy-api.md §4.3, §6.7): the model accepts an introduction of 150 characters, but the MySQL column is
 * `varchar(100)`, so 101–150 characters pass validation and then fail in the database (a 500).
 */
export const INTRODUCTION_COLUMN_LENGTH = 100;

export function recruitConceptValid(concept: string): boolean {
  return lengthBetween(concept, 1, 40);
}

/** `RecruitMember` model: grade "1"–"3", field 1–20 characters, number "1"–"20". */
export function recruitMemberValid(member: { Grade: string; Field: string; Number: string }): boolean {
  return inIntRange(member.Grade, 1, 3) && lengthBetween(member.Field, 1, 20) && inIntRange(member.Number, 1, 20);
}
