/**
 * Which reads are cached, for whom and for how long: one row per root query field.
 *
 * - `PUBLIC`: the same answer for every signed-in caller of one role (authorization of these fields depends on
 *   the role only), so one entry per role is shared by everyone.
 * - `PRIVATE`: the answer depends on who asks (their own outings, timetable, children, isRead flags, previous/next
 *   links filtered by class, or authorization by ownership): one entry per caller, never served to another.
 *   The legacy gateway shared outing details and cards between callers (legacy-api.md §3.2); they are private here.
 * - `NONE`: never cached (anonymous flows, or a read whose answer changes by being read).
 *
 * An operation is PUBLIC only when every root field is PUBLIC and every object type it reaches is in
 * `PUBLIC_TYPES` (accounts, for example, carry fields whose visibility depends on the caller); anything else
 * makes it PRIVATE, and one NONE field makes it uncached.
 */
export type CacheScope = 'PUBLIC' | 'PRIVATE' | 'NONE';

export interface FieldPolicy {
  scope: CacheScope;
  /** Overrides the default TTL; the smallest TTL among an operation's fields wins. */
  ttl?: 'timetable';
}

export const QUERY_POLICY: Readonly<Record<string, FieldPolicy>> = {
  me: { scope: 'PRIVATE' },
  announcements: { scope: 'PRIVATE' },
  searchAnnouncements: { scope: 'PRIVATE' },
  // Opening marks the announcement read; `views` counts distinct readers, so a repeated opening by the same
  // caller changes nothing and may be answered from that caller's entry.
  announcement: { scope: 'PRIVATE' },
  announcementsByWriter: { scope: 'PRIVATE' },
  unreadAnnouncements: { scope: 'PRIVATE' },
  parent: { scope: 'PRIVATE' },
  parents: { scope: 'PRIVATE' },
  student: { scope: 'PRIVATE' },
  studentsByIds: { scope: 'PRIVATE' },
  students: { scope: 'PRIVATE' },
  teacher: { scope: 'PRIVATE' },
  teachers: { scope: 'PRIVATE' },
  // Anonymous sign-up flow.
  unsignedStudent: { scope: 'NONE' },
  clubs: { scope: 'PUBLIC' },
  club: { scope: 'PUBLIC' },
  clubsByIds: { scope: 'PUBLIC' },
  clubFields: { scope: 'PUBLIC' },
  clubCount: { scope: 'PUBLIC' },
  clubOfLeader: { scope: 'PUBLIC' },
  recruitments: { scope: 'PUBLIC' },
  recruitment: { scope: 'PUBLIC' },
  currentRecruitmentCount: { scope: 'PUBLIC' },
  myOutings: { scope: 'PRIVATE' },
  outing: { scope: 'PRIVATE' },
  outingCard: { scope: 'PRIVATE' },
  outings: { scope: 'PRIVATE' },
  // Anonymous parent flow.
  outingByConfirmCode: { scope: 'NONE' },
  calendar: { scope: 'PUBLIC' },
  timetable: { scope: 'PRIVATE', ttl: 'timetable' },
};

/** Object types whose fields answer the same for every caller of a role. */
export const PUBLIC_TYPES: ReadonlySet<string> = new Set(['Club', 'Recruitment', 'RecruitMember', 'CalendarEvent']);

/** Nested fields that make an operation uncacheable wherever they appear. */
export const UNCACHED_FIELDS: ReadonlySet<string> = new Set([
  // Reported once, then null (legacy-api.md §4.4): a cached answer would repeat it.
  'Student.parentStatus',
]);

export interface CacheTtls {
  /** Every cached read unless its field says otherwise, in ms. */
  defaultMs: number;
  timetableMs: number;
}
