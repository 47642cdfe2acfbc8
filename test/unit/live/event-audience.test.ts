import type { Role } from '../../../core/account-ids';
import { concerns } from '../../../live/event-audience';
import type { AnnouncementSnapshot, LiveEvent, OutingSnapshot } from '../../../live/live-events';
import type { LiveField } from '../../../live/live-fields';
import { createSubscriber } from '../../../live/subscriber';

const OWNER = 'student-000000000001';
const outing: OutingSnapshot = {
  id: 'outing-000000000001',
  studentId: OWNER,
  place: '서점',
  reason: '교재',
  situation: 'NORMAL',
  status: 'APPROVED',
  startsAt: 0,
  endsAt: 1,
  arrivedAt: null,
  isLate: null,
};
const announcement = (type: 'SCHOOL' | 'CLUB', targetGrades: number[], targetClasses: number[]): LiveEvent => ({
  topic: 'announcement',
  announcement: {
    id: 'announcement-000000000001',
    number: 1,
    type,
    title: 't',
    writerName: 'w',
    date: 0,
    views: 0,
    writerId: 'teacher-000000000001',
    readByWriter: false,
    targetGrades,
    targetClasses,
  } satisfies AnnouncementSnapshot,
});

/** A subscriber whose facts are given: a parent's children, a student's grade and class. */
const subscriber = (uuid: string, facts: { children?: string[]; grade?: number; classNumber?: number } = {}) =>
  createSubscriber(
    { uuid, role: uuid.split('-')[0] as Role },
    {
      childrenOf: async () => facts.children ?? [],
      classOf: async () => ({ grade: facts.grade ?? 0, classNumber: facts.classNumber ?? 0 }),
    },
  );

/** The one decision per event and subscriber: does the event concern them, and may they read it? */
describe('who gets an event (live/event-audience.ts)', () => {
  const outingEvent: LiveEvent = { topic: 'outing', outing };
  it.each<[string, LiveField, ReturnType<typeof subscriber>, LiveEvent, boolean]>([
    ['the owning student', 'myOutingUpdated', subscriber(OWNER), outingEvent, true],
    ['another student', 'myOutingUpdated', subscriber('student-000000000002'), outingEvent, false],
    [
      "the owner's parent",
      'myOutingUpdated',
      subscriber('parent-000000000001', { children: [OWNER] }),
      outingEvent,
      true,
    ],
    [
      "another child's parent",
      'myOutingUpdated',
      subscriber('parent-000000000002', { children: ['student-9'] }),
      outingEvent,
      false,
    ],
    ['a teacher, on myOutingUpdated', 'myOutingUpdated', subscriber('teacher-000000000001'), outingEvent, false],
    ['an admin, on myOutingUpdated', 'myOutingUpdated', subscriber('admin-000000000001'), outingEvent, false],
    ['a teacher, on outingRequested', 'outingRequested', subscriber('teacher-000000000001'), outingEvent, true],
    ['the owning student, on outingRequested', 'outingRequested', subscriber(OWNER), outingEvent, false],
    [
      'a teacher, for an announcement on outingRequested',
      'outingRequested',
      subscriber('teacher-000000000001'),
      announcement('CLUB', [], []),
      false,
    ],
    [
      'a student in a targeted class',
      'announcementPublished',
      subscriber(OWNER, { grade: 2, classNumber: 1 }),
      announcement('SCHOOL', [1, 2], [1]),
      true,
    ],
    [
      'a student of a targeted grade, other class',
      'announcementPublished',
      subscriber(OWNER, { grade: 2, classNumber: 3 }),
      announcement('SCHOOL', [2], [1, 2]),
      false,
    ],
    [
      'a student of a targeted class, other grade',
      'announcementPublished',
      subscriber(OWNER, { grade: 3, classNumber: 1 }),
      announcement('SCHOOL', [2], [1]),
      false,
    ],
    [
      'a student, for an announcement aimed at nobody',
      'announcementPublished',
      subscriber(OWNER, { grade: 2, classNumber: 1 }),
      announcement('SCHOOL', [], []),
      false,
    ],
    [
      'a student, for a CLUB announcement',
      'announcementPublished',
      subscriber(OWNER, { grade: 2, classNumber: 1 }),
      announcement('CLUB', [], []),
      true,
    ],
    [
      'a teacher, for a SCHOOL announcement aimed elsewhere',
      'announcementPublished',
      subscriber('teacher-000000000001'),
      announcement('SCHOOL', [3], [4]),
      true,
    ],
    [
      'a parent, for a SCHOOL announcement',
      'announcementPublished',
      subscriber('parent-000000000001'),
      announcement('SCHOOL', [3], [4]),
      true,
    ],
    [
      'anyone, for an outing on announcementPublished',
      'announcementPublished',
      subscriber('admin-000000000001'),
      outingEvent,
      false,
    ],
  ])('%s: %s', async (_who, field, who, event, expected) => {
    expect(await concerns(field, {}, event, who)).toBe(expected);
  });

  it('announcementPublished(type:) keeps only that type', async () => {
    const teacher = subscriber('teacher-000000000001');
    expect(await concerns('announcementPublished', { type: 'CLUB' }, announcement('SCHOOL', [1], [1]), teacher)).toBe(
      false,
    );
    expect(await concerns('announcementPublished', { type: 'CLUB' }, announcement('CLUB', [], []), teacher)).toBe(true);
    expect(await concerns('announcementPublished', { type: null }, announcement('SCHOOL', [], []), teacher)).toBe(true);
  });
});
