/**
 * What each cached read covers and what each write makes stale, in one vocabulary of tags, for the GraphQL
 * response cache and the REST layer alike. A cached result carries the tags of its root fields (`readTagsOf`)
 * plus one `Type:id` tag per entity in it and one `Type` tag per type (collected by the operation plan's executor);
 * a successful write deletes every result carrying one of the tags `invalidationsOf` names.
 *
 * Improves on the legacy rules (legacy-api.md §3.3): a teacher's change to an outing reaches the student's own list
 * through the `Outing:<id>` entity tag (the legacy used the teacher's uuid and missed it), reading an announcement
 * refreshes the reader's unread check and lists and everyone's view counts, announcement writes refresh the
 * neighbours' previous/next links, and club, account and calendar writes are covered too.
 */

/** Who asked; undefined for an anonymous request. */
export interface Actor {
  uuid: string;
}

type Args = Readonly<Record<string, unknown>>;
type TagRule = (args: Args, actor: Actor | undefined) => string[];

const ANNOUNCEMENT_TYPES = ['SCHOOL', 'CLUB'] as const;

/** The tag vocabulary; entity tags are `Typename:id`, as collected from results (`result-entities.ts`). */
export const tags = {
  entity: (typename: string, id: string) => `${typename}:${id}`,
  /** Every account shape an id can have: the role is not known to a rule that only sees an id. */
  account: (id: string) => ['Student', 'Teacher', 'Parent', 'Admin'].map((t) => `${t}:${id}`),
  outing: (id: string) => [`Outing:${id}`, `OutingCard:${id}`],
  /** `myOutings` of one student. */
  outingsOf: (studentUuid: string) => `outings:student:${studentUuid}`,
  /** Every teacher `outings` filter: any outing change can move an outing in or out of any filter. */
  outingFilters: 'outings:filters',
  calendar: 'calendar',
  timetableOf: (studentUuid: string) => `timetable:${studentUuid}`,
  /** Lists, searches and writer lists of one announcement type. */
  announcementLists: (type: string) => `announcements:${type}`,
  /** Every opened announcement: its previous/next links move when a neighbour is written. */
  announcementDetails: 'announcements:details',
  /** Every unread check. */
  unreadChecks: 'announcements:unread',
  unreadCheckOf: (uuid: string) => `announcements:unread:${uuid}`,
  /** Every list that shows `isRead` for this reader. */
  readerListsOf: (uuid: string) => `announcements:reader:${uuid}`,
  /** Every list that selects `views` (a first reading raises it for everyone). */
  announcementViews: 'announcements:views',
  writerListsOf: (writerUuid: string) => `announcements:writer:${writerUuid}`,
  clubLists: 'clubs:lists',
  clubOfLeader: 'clubs:leaders',
  recruitments: 'recruitments',
  students: 'accounts:students',
  teachers: 'accounts:teachers',
  parents: 'accounts:parents',
} as const;

/** The vocabulary's tags that take one id. */
type PerIdTag = 'outing' | 'outingsOf' | 'unreadCheckOf' | 'account';

/**
 * A tag named as data, spelled by the cache when it keeps an entry (`spellTags`): a tag as it is (`'Outing'`,
 * `tags.recruitments`), an entity (`['entity', 'Club', id]` → `Club:<id>`), or one of the per-id tags
 * (`['outing', id]` → `Outing:<id>`, `OutingCard:<id>`). A REST route's record names its entry's tags this way.
 */
export type TagSpec = string | readonly ['entity', string, string] | readonly [PerIdTag, string];

/** Every tag the specs name. */
export function spellTags(specs: Iterable<TagSpec>): string[] {
  const spelled: string[] = [];
  for (const spec of specs) {
    if (typeof spec === 'string') spelled.push(spec);
    else if (spec[0] === 'entity') spelled.push(tags.entity(spec[1], spec[2]));
    else {
      const named = tags[spec[0]](spec[1]);
      if (typeof named === 'string') spelled.push(named);
      else spelled.push(...named);
    }
  }
  return spelled;
}

const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const own = (actor: Actor | undefined): string[] => (actor ? [actor.uuid] : []);
/** The account a self-service write targets: the `id` argument, else the caller. */
const accountArg = (args: Args, actor: Actor | undefined): string[] => (args.id ? [str(args.id)] : own(actor));
const inputOf = (args: Args): Args => (args.input ?? {}) as Args;

/** Tags of a cached result per root query field, from its arguments and the caller. */
export const READ_TAGS: Readonly<Record<string, TagRule>> = {
  me: () => [],
  announcements: (args, actor) => [tags.announcementLists(str(args.type)), ...own(actor).map(tags.readerListsOf)],
  searchAnnouncements: (args, actor) => [tags.announcementLists(str(args.type)), ...own(actor).map(tags.readerListsOf)],
  announcement: (args) => [tags.entity('Announcement', str(args.id)), tags.announcementDetails],
  announcementsByWriter: (args, actor) => [
    tags.announcementLists('SCHOOL'),
    tags.writerListsOf(str(args.writerId)),
    ...own(actor).map(tags.readerListsOf),
  ],
  unreadAnnouncements: (_args, actor) => [tags.unreadChecks, ...own(actor).map(tags.unreadCheckOf)],
  parent: (args) => [tags.entity('Parent', str(args.id))],
  parents: () => [tags.parents],
  student: (args) => [tags.entity('Student', str(args.id))],
  studentsByIds: (args) => [tags.students, ...asList(args.ids).map((id) => tags.entity('Student', id))],
  students: () => [tags.students],
  teacher: (args) => [tags.entity('Teacher', str(args.id))],
  teachers: () => [tags.teachers],
  unsignedStudent: () => [],
  clubs: () => [tags.clubLists],
  club: (args) => [tags.entity('Club', str(args.id))],
  clubsByIds: (args) => [tags.clubLists, ...asList(args.ids).map((id) => tags.entity('Club', id))],
  clubFields: () => [tags.clubLists],
  clubCount: () => [tags.clubLists],
  clubOfLeader: () => [tags.clubOfLeader],
  recruitments: () => [tags.recruitments],
  recruitment: (args) => [tags.entity('Recruitment', str(args.id))],
  currentRecruitmentCount: () => [tags.recruitments],
  myOutings: (_args, actor) => own(actor).map(tags.outingsOf),
  outing: (args) => tags.outing(str(args.id)),
  outingCard: (args) => tags.outing(str(args.id)),
  outings: () => [tags.outingFilters],
  outingByConfirmCode: () => [],
  calendar: () => [tags.calendar],
  timetable: (_args, actor) => own(actor).map(tags.timetableOf),
};

/** Extra tags of a result that selects one of these fields (`Type.field`). */
export const SELECTION_TAGS: Readonly<Record<string, string>> = {
  'AnnouncementPreview.views': tags.announcementViews,
};

const clubWrite = (clubId: string): string[] => [tags.entity('Club', clubId), tags.clubLists, tags.recruitments];
const outingWrite: TagRule = (args) => [...tags.outing(str(args.id)), tags.outingFilters];
const announcementWrite: TagRule = (args, actor) => [
  ...(args.id ? [tags.entity('Announcement', str(args.id))] : []),
  ...(inputOf(args).type && !args.id
    ? [tags.announcementLists(str(inputOf(args).type))]
    : ANNOUNCEMENT_TYPES.map(tags.announcementLists)),
  tags.announcementDetails,
  tags.unreadChecks,
  ...own(actor).map(tags.writerListsOf),
];

/**
 * What a successful operation makes stale, per root field. Every mutation has an entry (a unit test checks it
 * against the schema); the one query with a side effect, opening an announcement, too.
 */
export const WRITE_INVALIDATIONS: Readonly<Record<string, TagRule>> = {
  // Opening an announcement marks it read: the reader's unread check and isRead flags change, and the first
  // reading raises `views` in everyone's lists.
  'Query.announcement': (_args, actor) => [
    ...own(actor).flatMap((uuid) => [tags.unreadCheckOf(uuid), tags.readerListsOf(uuid)]),
    tags.announcementViews,
  ],
  createAnnouncement: announcementWrite,
  updateAnnouncement: announcementWrite,
  deleteAnnouncement: announcementWrite,
  // Logins change nothing a read shows (the once-only `parentStatus` is never cached).
  loginAdmin: () => [],
  loginParent: () => [],
  loginStudent: () => [],
  loginTeacher: () => [],
  changeParentPassword: (args, actor) => accountArg(args, actor).flatMap(tags.account),
  changeStudentPassword: (args, actor) => accountArg(args, actor).flatMap(tags.account),
  changeTeacherPassword: (args, actor) => accountArg(args, actor).flatMap(tags.account),
  changeTeacherPhoneNumber: (args, actor) => [...accountArg(args, actor).flatMap(tags.account), tags.teachers],
  // A new parent is linked to matching students (their `parent` field) whose ids the rule cannot know.
  createParent: () => [tags.parents, 'Student'],
  // A new student may be linked to a parent (the parent's `children`).
  createStudent: (args) => [
    tags.students,
    ...(inputOf(args).parentId ? [tags.entity('Parent', str(inputOf(args).parentId))] : ['Parent']),
  ],
  signUpWithAuthCode: () => [tags.students, 'Parent'],
  registerTeacher: () => [tags.teachers],
  // Unsigned students and join SMS are never cached.
  importUnsignedStudents: () => [],
  sendJoinSms: () => [],
  createClub: () => [tags.clubLists, tags.clubOfLeader],
  modifyClub: (args) => clubWrite(str(args.id)),
  deleteClub: (args) => [...clubWrite(str(args.id)), tags.clubOfLeader],
  addClubMember: (args) => clubWrite(str(args.clubId)),
  removeClubMember: (args) => clubWrite(str(args.clubId)),
  changeClubLeader: (args) => [...clubWrite(str(args.clubId)), tags.clubOfLeader],
  registerRecruitment: (args) => [...clubWrite(str(args.clubId)), tags.recruitments],
  // The club of a recruitment is not in the arguments: every club read that can show a recruitment goes.
  modifyRecruitment: (args) => [tags.entity('Recruitment', str(args.id)), tags.recruitments, tags.clubLists, 'Club'],
  deleteRecruitment: (args) => [tags.entity('Recruitment', str(args.id)), tags.recruitments, tags.clubLists, 'Club'],
  createOuting: (_args, actor) => [...own(actor).map(tags.outingsOf), tags.outingFilters],
  // The owner's `myOutings` carries the `Outing:<id>` entity tag, so it goes with the outing.
  startOuting: outingWrite,
  endOuting: outingWrite,
  approveOuting: outingWrite,
  rejectOuting: outingWrite,
  certifyOuting: outingWrite,
  changeOutingEndTime: outingWrite,
  // A confirm code names no outing id: every cached outing read goes.
  approveOutingByConfirmCode: () => ['Outing', 'OutingCard', tags.outingFilters],
  rejectOutingByConfirmCode: () => ['Outing', 'OutingCard', tags.outingFilters],
  createCalendarEvent: () => [tags.calendar],
  updateCalendarEvent: () => [tags.calendar],
  deleteCalendarEvent: () => [tags.calendar],
};

/** The tags a cached result of root query field `field` carries. */
export function readTagsOf(field: string, args: Args, actor: Actor | undefined): string[] {
  return READ_TAGS[field]?.(args, actor) ?? [];
}

/**
 * What a successful `Mutation.<field>` (or a query with a side effect, as `Query.<field>`) makes stale. A mutation
 * without a rule could have changed anything, so it gets `'all'` (the exhaustiveness test keeps that from
 * happening).
 */
export function invalidationsOf(field: string, args: Args, actor: Actor | undefined): string[] | 'all' {
  const rule = WRITE_INVALIDATIONS[field];
  return rule ? [...new Set(rule(args, actor))] : 'all';
}

/** Whether a successful root query field changes something other reads show. */
export function hasSideEffects(queryField: string): boolean {
  return `Query.${queryField}` in WRITE_INVALIDATIONS;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str) : [];
}
