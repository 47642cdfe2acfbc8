import { getNamedType, isObjectType } from 'graphql';
import { QUERY_POLICY } from '../../../cache/cache-policy';
import {
  invalidationsOf,
  READ_TAGS,
  readTagsOf,
  spellTags,
  tags,
  WRITE_INVALIDATIONS,
} from '../../../cache/invalidation-rules';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';

const schema = createExecutableSchema();
const STUDENT = { uuid: 'student-000000000001' };
const OTHER_STUDENT = { uuid: 'student-000000000002' };
const TEACHER = { uuid: 'teacher-000000000001' };
const ADMIN = { uuid: 'admin-000000000001' };

/** A cached read: its root field, arguments and caller, plus the entity tags its result carries. */
interface Read {
  field: string;
  args?: Record<string, unknown>;
  actor?: { uuid: string };
  entities?: string[];
}
const tagsOfRead = (read: Read) => [...readTagsOf(read.field, read.args ?? {}, read.actor), ...(read.entities ?? [])];

// Every mutation, with the reads it makes stale (and, where it matters, a read it must leave alone).
const TABLE: Array<[string, Record<string, unknown>, { uuid: string } | undefined, Read[], Read[]]> = [
  [
    'createAnnouncement',
    { input: { type: 'SCHOOL' } },
    TEACHER,
    [
      { field: 'announcements', args: { type: 'SCHOOL' }, actor: STUDENT },
      { field: 'searchAnnouncements', args: { type: 'SCHOOL' }, actor: STUDENT },
      { field: 'unreadAnnouncements', actor: STUDENT },
      { field: 'announcementsByWriter', args: { writerId: TEACHER.uuid }, actor: ADMIN },
      { field: 'announcement', args: { id: 'announcement-000000000001' }, actor: STUDENT },
    ],
    [{ field: 'announcements', args: { type: 'CLUB' }, actor: STUDENT }],
  ],
  [
    'updateAnnouncement',
    { id: 'announcement-000000000001' },
    TEACHER,
    [
      { field: 'announcement', args: { id: 'announcement-000000000001' }, actor: STUDENT },
      { field: 'announcements', args: { type: 'CLUB' }, actor: STUDENT },
      { field: 'unreadAnnouncements', actor: STUDENT },
    ],
    [],
  ],
  [
    'deleteAnnouncement',
    { id: 'announcement-000000000001' },
    TEACHER,
    [
      { field: 'announcements', args: { type: 'SCHOOL' }, actor: STUDENT },
      { field: 'announcement', args: { id: 'announcement-000000000002' }, actor: STUDENT },
    ],
    [],
  ],
  ['loginAdmin', {}, undefined, [], [{ field: 'me', actor: ADMIN, entities: ['Admin:admin-000000000001'] }]],
  ['loginParent', {}, undefined, [], []],
  ['loginStudent', {}, undefined, [], []],
  ['loginTeacher', {}, undefined, [], []],
  [
    'changeParentPassword',
    {},
    { uuid: 'parent-000000000001' },
    [{ field: 'me', actor: { uuid: 'parent-000000000001' }, entities: ['Parent:parent-000000000001'] }],
    [],
  ],
  ['changeStudentPassword', {}, STUDENT, [{ field: 'me', actor: STUDENT, entities: [`Student:${STUDENT.uuid}`] }], []],
  ['changeTeacherPassword', {}, TEACHER, [{ field: 'teacher', args: { id: TEACHER.uuid }, actor: ADMIN }], []],
  [
    'changeTeacherPhoneNumber',
    {},
    TEACHER,
    [
      { field: 'teacher', args: { id: TEACHER.uuid }, actor: ADMIN },
      { field: 'teachers', args: {}, actor: ADMIN },
      { field: 'me', actor: TEACHER, entities: [`Teacher:${TEACHER.uuid}`] },
    ],
    [],
  ],
  [
    'createParent',
    { input: {} },
    ADMIN,
    [
      { field: 'parents', actor: ADMIN },
      { field: 'student', args: { id: STUDENT.uuid }, actor: ADMIN, entities: ['Student', `Student:${STUDENT.uuid}`] },
    ],
    [],
  ],
  [
    'createStudent',
    { input: { parentId: 'parent-000000000001' } },
    ADMIN,
    [
      { field: 'students', actor: ADMIN },
      { field: 'parent', args: { id: 'parent-000000000001' }, actor: ADMIN },
    ],
    [],
  ],
  [
    'signUpWithAuthCode',
    {},
    undefined,
    [
      { field: 'students', actor: ADMIN },
      { field: 'me', actor: { uuid: 'parent-000000000001' }, entities: ['Parent', 'Parent:parent-000000000001'] },
    ],
    [],
  ],
  ['registerTeacher', { input: {} }, ADMIN, [{ field: 'teachers', actor: ADMIN }], []],
  ['importUnsignedStudents', {}, ADMIN, [], [{ field: 'students', actor: ADMIN }]],
  ['sendJoinSms', {}, ADMIN, [], [{ field: 'students', actor: ADMIN }]],
  ['createClub', { input: {} }, ADMIN, [{ field: 'clubs' }, { field: 'clubCount' }, { field: 'clubOfLeader' }], []],
  [
    'modifyClub',
    { id: 'club-000000000001' },
    STUDENT,
    [
      { field: 'club', args: { id: 'club-000000000001' } },
      { field: 'clubs' },
      { field: 'clubFields' },
      { field: 'recruitments' },
    ],
    [{ field: 'club', args: { id: 'club-000000000002' } }],
  ],
  [
    'deleteClub',
    { id: 'club-000000000001' },
    STUDENT,
    [{ field: 'club', args: { id: 'club-000000000001' } }, { field: 'clubCount' }, { field: 'clubOfLeader' }],
    [],
  ],
  [
    'addClubMember',
    { clubId: 'club-000000000001' },
    STUDENT,
    [{ field: 'club', args: { id: 'club-000000000001' } }],
    [],
  ],
  ['removeClubMember', { clubId: 'club-000000000001' }, STUDENT, [{ field: 'clubsByIds', args: { ids: [] } }], []],
  ['changeClubLeader', { clubId: 'club-000000000001' }, STUDENT, [{ field: 'clubOfLeader' }, { field: 'clubs' }], []],
  [
    'registerRecruitment',
    { clubId: 'club-000000000001' },
    STUDENT,
    [
      { field: 'recruitments' },
      { field: 'currentRecruitmentCount' },
      { field: 'club', args: { id: 'club-000000000001' } },
    ],
    [],
  ],
  [
    'modifyRecruitment',
    { id: 'recruitment-000000000001' },
    STUDENT,
    [
      { field: 'recruitment', args: { id: 'recruitment-000000000001' } },
      { field: 'club', args: { id: 'club-000000000001' }, entities: ['Club', 'Club:club-000000000001'] },
    ],
    [],
  ],
  [
    'deleteRecruitment',
    { id: 'recruitment-000000000001' },
    STUDENT,
    [{ field: 'recruitments' }, { field: 'currentRecruitmentCount' }],
    [],
  ],
  [
    'createOuting',
    { input: {} },
    STUDENT,
    [
      { field: 'myOutings', actor: STUDENT },
      { field: 'outings', actor: TEACHER },
    ],
    [{ field: 'myOutings', actor: OTHER_STUDENT }],
  ],
  ...['startOuting', 'endOuting', 'approveOuting', 'rejectOuting', 'certifyOuting', 'changeOutingEndTime'].map(
    (field) =>
      [
        field,
        { id: 'outing-000000000004' },
        TEACHER,
        [
          // The owner's list: a teacher's write reaches it through the entity tag (legacy §3.3 missed it).
          { field: 'myOutings', actor: STUDENT, entities: ['Outing:outing-000000000004'] },
          { field: 'outing', args: { id: 'outing-000000000004' }, actor: STUDENT },
          { field: 'outingCard', args: { id: 'outing-000000000004' }, actor: TEACHER },
          { field: 'outings', actor: TEACHER },
        ],
        [{ field: 'myOutings', actor: OTHER_STUDENT, entities: ['Outing:outing-000000000002'] }],
      ] as (typeof TABLE)[number],
  ),
  [
    'approveOutingByConfirmCode',
    { code: 'confirm-000000000001' },
    undefined,
    [
      { field: 'myOutings', actor: STUDENT, entities: ['Outing', 'Outing:outing-000000000001'] },
      { field: 'outings', actor: TEACHER },
    ],
    [],
  ],
  [
    'rejectOutingByConfirmCode',
    { code: 'confirm-000000000001' },
    undefined,
    [{ field: 'outingCard', args: { id: 'outing-000000000001' }, actor: STUDENT, entities: ['OutingCard'] }],
    [],
  ],
  [
    'createCalendarEvent',
    { input: {} },
    TEACHER,
    [{ field: 'calendar', args: { year: 2026, month: 11 } }],
    [{ field: 'timetable', actor: STUDENT }],
  ],
  ['updateCalendarEvent', { id: 'schedule-0000000000001' }, TEACHER, [{ field: 'calendar' }], []],
  ['deleteCalendarEvent', { id: 'schedule-0000000000001' }, TEACHER, [{ field: 'calendar' }], []],
];

describe('invalidation rules', () => {
  const mutationFields = Object.keys(schema.getMutationType()?.getFields() ?? {});
  const queryFields = Object.keys(schema.getQueryType()?.getFields() ?? {});

  it('has a cache policy and read tags for every query field, and a rule for every mutation', () => {
    expect(Object.keys(QUERY_POLICY).sort()).toEqual([...queryFields].sort());
    expect(Object.keys(READ_TAGS).sort()).toEqual([...queryFields].sort());
    expect(
      Object.keys(WRITE_INVALIDATIONS)
        .filter((f) => !f.startsWith('Query.'))
        .sort(),
    ).toEqual([...mutationFields].sort());
  });

  it('the table below covers every mutation', () => {
    expect(new Set(TABLE.map(([field]) => field))).toEqual(new Set(mutationFields));
  });

  it.each(TABLE)('%s makes the listed reads stale and leaves the others', (mutation, args, actor, stale, fresh) => {
    const invalidated = invalidationsOf(mutation, args, actor);
    expect(invalidated).not.toBe('all');
    const tags = new Set(invalidated as string[]);
    for (const read of stale)
      expect([read.field, tagsOfRead(read).some((t) => tags.has(t))]).toEqual([read.field, true]);
    for (const read of fresh)
      expect([read.field, tagsOfRead(read).some((t) => tags.has(t))]).toEqual([read.field, false]);
  });

  it("opening an announcement makes the reader's unread check and lists stale, not another reader's", () => {
    const tags = new Set(
      invalidationsOf('Query.announcement', { id: 'announcement-000000000001' }, STUDENT) as string[],
    );
    const hit = (read: Read) => tagsOfRead(read).some((t) => tags.has(t));
    expect(hit({ field: 'unreadAnnouncements', actor: STUDENT })).toBe(true);
    expect(hit({ field: 'announcements', args: { type: 'SCHOOL' }, actor: STUDENT })).toBe(true);
    expect(hit({ field: 'unreadAnnouncements', actor: OTHER_STUDENT })).toBe(false);
    // Another reader's list changes only if it shows `views` (a selection tag).
    expect(tags.has('announcements:views')).toBe(true);
  });

  it('an unknown mutation drops everything', () => {
    expect(invalidationsOf('somethingNew', {}, undefined)).toBe('all');
  });

  it('names only object types of the schema in its type-wide tags', () => {
    const typeTags = TABLE.flatMap(([m, a, actor]) => invalidationsOf(m, a, actor) as string[]).filter(
      (t) => /^[A-Z]/.test(t) && !t.includes(':'),
    );
    for (const tag of typeTags)
      expect([tag, isObjectType(getNamedType(schema.getType(tag) ?? undefined))]).toEqual([tag, true]);
  });
});

describe('tags named as data (a REST route record names its entry tags so)', () => {
  it('spells each spec as the vocabulary does', () => {
    expect(
      spellTags([
        'Outing',
        tags.recruitments,
        ['entity', 'Club', 'c-1'],
        ['outing', 'o-1'],
        ['outingsOf', 's-1'],
        ['unreadCheckOf', 's-2'],
      ]),
    ).toEqual([
      'Outing',
      tags.recruitments,
      tags.entity('Club', 'c-1'),
      ...tags.outing('o-1'),
      tags.outingsOf('s-1'),
      tags.unreadCheckOf('s-2'),
    ]);
  });
});
