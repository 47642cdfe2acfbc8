import { AuthTeacherService } from '../../../../grpc-clients/generated/auth/auth-teacher';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import {
  ADMIN,
  ALL_GRADES,
  DMS_CLUB,
  ERROR_CODE,
  GRADE1,
  GRADE2_CLASS1,
  PARENT1,
  STUDENT1,
  STUDENT2,
  TEACHER1,
  announcementRpc,
  ids,
} from './announcement-fixtures';

// Who sees which demo announcement (legacy-api.md §4.5). The file only reads; it never opens a detail before the
// list assertions that check `is_checked`.
describe('announcement targeting and visibility', () => {
  let harness: ReferenceHarness;
  let rpc: ReturnType<typeof announcementRpc>;
  beforeAll(async () => {
    harness = await startReferenceHarness();
    rpc = announcementRpc(harness);
  });
  afterAll(() => harness.close());

  describe('GetAnnouncements', () => {
    it.each([
      ['student1 (2-1)', STUDENT1, [GRADE2_CLASS1, ALL_GRADES]],
      ['student2 (1-3)', STUDENT2, [GRADE1, ALL_GRADES]],
      ['teacher1', TEACHER1, [GRADE1, GRADE2_CLASS1, ALL_GRADES]],
      ['parent1', PARENT1, [GRADE1, GRADE2_CLASS1, ALL_GRADES]],
      ['admin', ADMIN, [GRADE1, GRADE2_CLASS1, ALL_GRADES]],
    ])('school list for %s, newest first, size = visible count', async (_who, uuid, expected) => {
      const reply = await rpc('getAnnouncements', { uuid, type: 'school', start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 200, code: 0, size: expected.length });
      expect(ids(reply.announcement)).toEqual(expected);
    });

    it.each([STUDENT1, STUDENT2, TEACHER1, PARENT1, ADMIN])(
      'club list for %s shows every club announcement',
      async (uuid) => {
        const reply = await rpc('getAnnouncements', { uuid, type: 'club', start: 0, count: 10 });
        expect(reply).toMatchObject({ status: 200, size: 1 });
        expect(ids(reply.announcement)).toEqual([DMS_CLUB]);
      },
    );

    it('fills the preview: number, writer name (teacher, admin, club name), date in ms, views, is_checked', async () => {
      const school = await rpc('getAnnouncements', { uuid: TEACHER1, type: 'school', start: 0, count: 10 });
      const now = harness.clock.now();
      expect(school.announcement).toEqual([
        {
          number: 3,
          announcementId: GRADE1,
          writerName: '어드민',
          title: '1학년 공지: 신입생 오리엔테이션',
          date: now - 86_400_000,
          views: 0,
          isChecked: 0,
        },
        expect.objectContaining({ number: 2, writerName: '김선생', date: now - 2 * 86_400_000 }),
        expect.objectContaining({ number: 1, writerName: '김선생', date: now - 3 * 86_400_000 }),
      ]);
      const club = await rpc('getAnnouncements', { uuid: STUDENT2, type: 'club', start: 0, count: 10 });
      expect(club.announcement[0]).toMatchObject({ number: 4, writerName: 'DMS', title: 'DMS 신입 부원 모집' });
    });

    it.each(['notice', '', 'School'])('answers 400 −1000 for type %p', async (type) => {
      const reply = await rpc('getAnnouncements', { uuid: TEACHER1, type, start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 400, code: ERROR_CODE, announcement: [], size: 0 });
      expect(reply.msg).not.toBe('');
    });

    it('refuses a caller whose uuid resolves to no role (403 −1000)', async () => {
      const reply = await rpc('getAnnouncements', { uuid: 'nobody', type: 'club', start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 403, code: ERROR_CODE });
    });
  });

  describe('GetAnnouncementDetail next/previous (by number within the type)', () => {
    it.each([
      // who, caller, opened, expected next (newer), expected previous (older)
      ['student1', STUDENT1, ALL_GRADES, GRADE2_CLASS1, ''],
      ['student2', STUDENT2, ALL_GRADES, GRADE1, ''],
      ['teacher1', TEACHER1, ALL_GRADES, GRADE2_CLASS1, ''],
      ['parent1', PARENT1, ALL_GRADES, GRADE2_CLASS1, ''],
      ['student1', STUDENT1, GRADE2_CLASS1, '', ALL_GRADES],
      ['student2', STUDENT2, GRADE2_CLASS1, GRADE1, ALL_GRADES],
      ['admin', ADMIN, GRADE2_CLASS1, GRADE1, ALL_GRADES],
      ['student1', STUDENT1, GRADE1, '', GRADE2_CLASS1],
      ['student2', STUDENT2, GRADE1, '', ALL_GRADES],
      ['teacher1', TEACHER1, GRADE1, '', GRADE2_CLASS1],
      ['student2', STUDENT2, DMS_CLUB, '', ''],
    ])('%s (%s) opens %s: next %p, previous %p', async (_who, uuid, announcementId, next, previous) => {
      const reply = await rpc('getAnnouncementDetail', { uuid, announcementId });
      expect(reply).toMatchObject({ status: 200, nextAnnouncementId: next, previousAnnouncementId: previous });
      // A title comes with each neighbour, and only then.
      expect(reply.nextTitle === '').toBe(next === '');
      expect(reply.previousTitle === '').toBe(previous === '');
    });
  });

  describe('SearchAnnouncements', () => {
    it.each([
      ['student1 (2-1)', STUDENT1, [GRADE2_CLASS1, ALL_GRADES]],
      ['student2 (1-3)', STUDENT2, [GRADE1, ALL_GRADES]],
      ['teacher1 (homeroom 2-1)', TEACHER1, [GRADE2_CLASS1, ALL_GRADES]],
      ['admin (0-0)', ADMIN, []],
      ['parent1 (0-0)', PARENT1, []],
    ])(
      'QUIRK: school search filters by the caller’s own grade/class for %s, and size counts every title match',
      async (_who, uuid, expected) => {
        const reply = await rpc('searchAnnouncements', { uuid, type: 'school', query: '공지', start: 0, count: 10 });
        expect(reply).toMatchObject({ status: 200, code: 0, size: 3 });
        expect(ids(reply.announcement)).toEqual(expected);
      },
    );

    it('QUIRK: a teacher with homeroom 0/0 finds no school announcements', async () => {
      const created = await harness.call('auth', AuthTeacherService, 'createNewTeacher', {
        TeacherID: 'nohomeroom',
        TeacherPW: 'teacher1234',
        Grade: 0,
        Group: 0,
        Name: '오담임',
        PhoneNumber: '01000000999',
      });
      expect(created.Status).toBe(201);
      const reply = await rpc('searchAnnouncements', {
        uuid: created.CreatedTeacherUUID,
        type: 'school',
        query: '',
        start: 0,
        count: 10,
      });
      expect(reply).toMatchObject({ status: 200, announcement: [], size: 3 });
    });

    it('matches a title substring and narrows size to the matches', async () => {
      const reply = await rpc('searchAnnouncements', {
        uuid: TEACHER1,
        type: 'school',
        query: '진로',
        start: 0,
        count: 10,
      });
      expect(reply).toMatchObject({ status: 200, size: 1 });
      expect(ids(reply.announcement)).toEqual([GRADE2_CLASS1]);
    });

    it.each([STUDENT2, TEACHER1, ADMIN, PARENT1])(
      'club search is not targeted and ignores case (MySQL LIKE) for %s',
      async (uuid) => {
        const reply = await rpc('searchAnnouncements', { uuid, type: 'club', query: 'dms', start: 0, count: 10 });
        expect(reply).toMatchObject({ status: 200, size: 1 });
        expect(ids(reply.announcement)).toEqual([DMS_CLUB]);
      },
    );

    it('finds nothing for an unknown title', async () => {
      const reply = await rpc('searchAnnouncements', { uuid: ADMIN, type: 'club', query: '없는', start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 200, announcement: [], size: 0 });
    });

    it('answers 400 −1000 for a bad type', async () => {
      const reply = await rpc('searchAnnouncements', { uuid: ADMIN, type: 'all', query: '', start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 400, code: ERROR_CODE });
    });
  });
});
