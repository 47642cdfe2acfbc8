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
} from './announcement-fixtures';

// Reading a detail marks it read (legacy-api.md §4.5). The tests run in order and build on each other's reads.
describe('announcement read tracking and CheckAnnouncement', () => {
  let harness: ReferenceHarness;
  let rpc: ReturnType<typeof announcementRpc>;
  beforeAll(async () => {
    harness = await startReferenceHarness();
    rpc = announcementRpc(harness);
  });
  afterAll(() => harness.close());

  const preview = async (uuid: string, type: string, announcementId: string) => {
    const reply = await rpc('getAnnouncements', { uuid, type, start: 0, count: 10 });
    return reply.announcement.find((row) => row.announcementId === announcementId);
  };
  const check = (uuid: string) => rpc('checkAnnouncement', { uuid });
  const open = (uuid: string, announcementId: string) => rpc('getAnnouncementDetail', { uuid, announcementId });

  it.each([
    ['teacher1', TEACHER1],
    ['parent1', PARENT1],
    ['admin', ADMIN],
    ['an unknown uuid', 'nobody-000000000001'],
  ])('CheckAnnouncement refuses %s with 403 −1000 (the uuid must be a student)', async (_who, uuid) => {
    const reply = await check(uuid);
    expect(reply).toMatchObject({ status: 403, code: ERROR_CODE, school: 0, club: 0 });
    expect(reply.msg).not.toBe('');
  });

  it.each([STUDENT1, STUDENT2])('%s starts with unread school and club announcements', async (uuid) => {
    await expect(check(uuid)).resolves.toMatchObject({ status: 200, code: 0, school: 1, club: 1 });
  });

  it('counts distinct readers as views and marks is_checked for the reader only', async () => {
    await expect(preview(TEACHER1, 'school', ALL_GRADES)).resolves.toMatchObject({ views: 0, isChecked: 0 });
    await expect(open(STUDENT1, ALL_GRADES)).resolves.toMatchObject({ status: 200 });
    await expect(open(STUDENT1, ALL_GRADES)).resolves.toMatchObject({ status: 200 });
    await expect(preview(STUDENT1, 'school', ALL_GRADES)).resolves.toMatchObject({ views: 1, isChecked: 1 });
    await expect(preview(TEACHER1, 'school', ALL_GRADES)).resolves.toMatchObject({ views: 1, isChecked: 0 });
    await open(TEACHER1, ALL_GRADES);
    await expect(preview(TEACHER1, 'school', ALL_GRADES)).resolves.toMatchObject({ views: 2, isChecked: 1 });
  });

  it('flips school to 0 for student1 once every announcement aimed at 2-1 is read', async () => {
    await expect(check(STUDENT1)).resolves.toMatchObject({ school: 1, club: 1 });
    await open(STUDENT1, GRADE2_CLASS1);
    await expect(check(STUDENT1)).resolves.toMatchObject({ status: 200, school: 0, club: 1 });
  });

  it('ignores announcements the student is not targeted by', async () => {
    // GRADE2_CLASS1 is not for student2 (1-3): reading it changes nothing; the two aimed at them do.
    await open(STUDENT2, GRADE2_CLASS1);
    await expect(check(STUDENT2)).resolves.toMatchObject({ school: 1 });
    await open(STUDENT2, ALL_GRADES);
    await expect(check(STUDENT2)).resolves.toMatchObject({ school: 1 });
    await open(STUDENT2, GRADE1);
    await expect(check(STUDENT2)).resolves.toMatchObject({ school: 0, club: 1 });
  });

  it('flips club to 0 after reading the club announcement', async () => {
    await open(STUDENT1, DMS_CLUB);
    await expect(check(STUDENT1)).resolves.toMatchObject({ school: 0, club: 0 });
    await expect(preview(STUDENT2, 'club', DMS_CLUB)).resolves.toMatchObject({ views: 1, isChecked: 0 });
  });

  it('a new announcement for the class makes school unread again', async () => {
    const created = await rpc('createAnnouncement', {
      uuid: TEACHER1,
      type: 'school',
      title: '2학년 공지',
      content: '{"text":"new"}',
      targetGrade: 2,
      targetGroup: 1234,
    });
    expect(created.status).toBe(201);
    await expect(check(STUDENT1)).resolves.toMatchObject({ school: 1, club: 0 });
    await expect(check(STUDENT2)).resolves.toMatchObject({ school: 0 });
  });

  describe('GetAnnouncementDetail', () => {
    it('returns the stored fields: date in ms, content re-serialised, targets as int32, type', async () => {
      const reply = await open(STUDENT1, GRADE2_CLASS1);
      expect(reply).toMatchObject({
        status: 200,
        code: 0,
        title: '2학년 1반 공지: 진로 상담',
        date: harness.clock.now() - 2 * 86_400_000,
        writerName: '김선생',
        targetGrade: 2,
        targetGroup: 1,
        announcementType: 'school',
      });
      expect(JSON.parse(reply.content)).toEqual({ text: '이번 주 금요일 진로 상담이 있습니다.' });
    });

    it('shows the club name as writer_name of a club announcement', async () => {
      await expect(open(TEACHER1, DMS_CLUB)).resolves.toMatchObject({ writerName: 'DMS', announcementType: 'club' });
    });

    it('answers 404 −1000 for an unknown announcement', async () => {
      const reply = await open(STUDENT1, 'announcement-999999999999');
      expect(reply).toMatchObject({ status: 404, code: ERROR_CODE, title: '' });
      expect(reply.msg).not.toBe('');
    });
  });

  describe('GetMyAnnouncements', () => {
    it('lists only the writer’s school announcements, newest first', async () => {
      const reply = await rpc('getMyAnnouncements', { uuid: TEACHER1, start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 200, code: 0, size: 3 });
      expect(reply.announcement.map((row) => row.title)).toEqual([
        '2학년 공지',
        '2학년 1반 공지: 진로 상담',
        '전체 공지: 기숙사 점호 시간 변경',
      ]);
    });

    it('lists an admin’s school announcements', async () => {
      const reply = await rpc('getMyAnnouncements', { uuid: ADMIN, start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 200, size: 1 });
      expect(reply.announcement[0]).toMatchObject({ announcementId: GRADE1, writerName: '어드민' });
    });

    it('leaves out a teacher’s club announcements', async () => {
      await rpc('createAnnouncement', {
        uuid: TEACHER1,
        type: 'club',
        title: '교사 동아리 공지',
        content: '{}',
        targetGrade: 123,
        targetGroup: 1234,
      });
      const reply = await rpc('getMyAnnouncements', { uuid: TEACHER1, start: 0, count: 10 });
      expect(reply.announcement.map((row) => row.title)).not.toContain('교사 동아리 공지');
      expect(reply.size).toBe(3);
    });

    it.each([
      ['student1', STUDENT1],
      ['parent1', PARENT1],
      ['an unknown uuid', 'someone'],
    ])('refuses %s with 403 −1000 (the writer must be a teacher or admin)', async (_who, uuid) => {
      const reply = await rpc('getMyAnnouncements', { uuid, start: 0, count: 10 });
      expect(reply).toMatchObject({ status: 403, code: ERROR_CODE, announcement: [], size: 0 });
    });
  });
});
