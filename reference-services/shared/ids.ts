import { randomInt } from 'node:crypto';
import type { IdKind, Role } from '../../core/account-ids';

export { UUID_PATTERNS, isUuidOf, roleOf, type IdKind, type Role } from '../../core/account-ids';

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
