import { fail } from './errors';
import type { AnnouncementRecord } from './store';

/** A student's grade and class ("group"), or a teacher's homeroom. */
export interface SchoolClass {
  grade: number;
  group: number;
}

/**
 * Who sees which `school` announcements: students only those targeting their grade and class, everyone else all
 * of them (legacy-api.md §4.5). Club announcements are never targeted.
 */
export type Audience = { kind: 'everyone' } | ({ kind: 'class' } & SchoolClass);

export const EVERYONE: Audience = { kind: 'everyone' };

/** The targets are digit sets: grade string "13" contains "1" and "3" (legacy-api.md §4.5). */
export function targetsClass(record: AnnouncementRecord, schoolClass: SchoolClass): boolean {
  return (
    record.targetGrade.includes(String(schoolClass.grade)) && record.targetGroup.includes(String(schoolClass.group))
  );
}

export function isVisibleTo(record: AnnouncementRecord, audience: Audience): boolean {
  return record.type === 'club' || audience.kind === 'everyone' || targetsClass(record, audience);
}

/** The request's int32 digit set as the legacy service stored it (a string). */
export function encodeTarget(value: number): string {
  return String(value);
}

/** The stored digit set back as int32 for GetAnnouncementDetail. */
export function decodeTarget(stored: string): number {
  const value = Number.parseInt(stored, 10);
  return Number.isNaN(value) ? 0 : value;
}

/** Newest first; `number` breaks ties so the order is stable. */
export function byDateDesc(a: AnnouncementRecord, b: AnnouncementRecord): number {
  return b.date - a.date || b.number - a.number;
}

/**
 * Spring's `PageRequest.of(start, count)`: `start` is a zero-based page index (legacy-api.md §0.7). Spring rejects
 * a negative index or a size below one with IllegalArgumentException, which the legacy service answered as a 500.
 */
export function pageOf<T>(items: readonly T[], start: number, count: number): T[] {
  if (start < 0) throw fail.internal('Page index must not be less than zero!');
  if (count < 1) throw fail.internal('Page size must not be less than one!');
  return items.slice(start * count, start * count + count);
}

/**
 * The content is stored as a MongoDB document, so it must be a JSON object; anything else made the legacy
 * `Document.parse` throw, answered as a 500 (legacy-api.md §1.9 route 65 note, §6.9).
 */
export function parseContent(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail.internal('content is not a JSON document');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fail.internal('content is not a JSON document');
  }
  return parsed as Record<string, unknown>;
}
