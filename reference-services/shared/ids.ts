import { randomInt } from 'node:crypto';

/** Account roles as the legacy services read them from the uuid prefix (legacy-api.md §0.2). */
export type Role = 'admin' | 'student' | 'teacher' | 'parent';

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

/** The role of an account uuid by prefix regex (auth, club and outing style). */
export function roleOf(uuid: string): Role | undefined {
  for (const role of ['admin', 'student', 'teacher', 'parent'] as const) {
    if (UUID_PATTERNS[role].test(uuid)) return role;
  }
  return undefined;
}

/**
 * The role as the Java/Kotlin services compute it: cut the last 13 characters and compare what is left.
 * `parentsWord` is what the service compares parent accounts with: schedule compares with "parents", so
 * parent accounts never resolve there (legacy-api.md §0.2 QUIRK, §6.8).
 */
export function roleByCutting13(uuid: string, parentsWord: 'parent' | 'parents' = 'parent'): Role | undefined {
  if (uuid.length <= 13) return undefined;
  const head = uuid.slice(0, -13);
  if (head === 'admin' || head === 'student' || head === 'teacher') return head;
  if (head === parentsWord) return 'parent';
  return undefined;
}

function randomDigits(count: number): string {
  let digits = '';
  for (let i = 0; i < count; i += 1) digits += String(randomInt(0, 10));
  return digits;
}

/** Mints a legacy id: `<prefix>-` and 12 random digits (13 for schedules). */
export function mintId(kind: Exclude<IdKind, 'schedule'> | 'schedule', taken?: (id: string) => boolean): string {
  const digits = kind === 'schedule' ? 13 : 12;
  for (;;) {
    const id = `${kind}-${randomDigits(digits)}`;
    if (!taken?.(id)) return id;
  }
}

/** A random 6-digit auth code (100000–999999) for unsigned students. */
export function mintAuthCode(taken?: (code: number) => boolean): number {
  for (;;) {
    const code = randomInt(100000, 1000000);
    if (!taken?.(code)) return code;
  }
}
