/** Account roles, read from the uuid prefix everywhere in the legacy system (legacy-api.md §0.2). */
export type Role = 'admin' | 'student' | 'teacher' | 'parent';

export const ROLES: readonly Role[] = ['admin', 'student', 'teacher', 'parent'];

/**
 * Prefix regexes of the legacy validators and the auth/club services. They are anchored at the start only, as in
 * the legacy code, so `student-123456789012xyz` still counts as a student.
 */
export const UUID_PATTERNS = {
  admin: /^admin-\d{12}/,
  student: /^student-\d{12}/,
  teacher: /^teacher-\d{12}/,
  parent: /^parent-\d{12}/,
  club: /^club-\d{12}/,
  recruitment: /^recruitment-\d{12}/,
  outing: /^outing-\d{12}/,
  announcement: /^announcement-\d{12}/,
  confirm: /^confirm-\d{12}/,
  schedule: /^schedule-\d{13}/,
} as const;

export type IdKind = keyof typeof UUID_PATTERNS;

export function isUuidOf(kind: IdKind, value: string): boolean {
  return UUID_PATTERNS[kind].test(value);
}

/** The role of an account uuid by prefix regex. */
export function roleOf(uuid: string): Role | undefined {
  return ROLES.find((role) => UUID_PATTERNS[role].test(uuid));
}
