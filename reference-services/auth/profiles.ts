import type { ClassSeat } from './store';

/** S3 key of a student's profile image; reads return it as `ImageURI`. */
export function profileKey(studentUuid: string): string {
  return `profiles/uuids/${studentUuid}`;
}

/**
 * S3 key of the pre-profile an imported student needs before sign-up (legacy-api.md §4.4). The legacy key
 * has the 2021 school year written into it, whatever the current year is.
 */
export function preProfileKey(seat: ClassSeat): string {
  return `profiles/years/2021/grades/${seat.grade}/groups/${seat.group}/numbers/${seat.studentNumber}`;
}
