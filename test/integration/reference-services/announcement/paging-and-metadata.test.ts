import { AnnouncementEventService } from '../../../../grpc-clients/generated/announcement/announcement-event';
import { AnnouncementServiceService } from '../../../../grpc-clients/generated/announcement/announcement';
import { legacyMetadata, startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN, ALL_GRADES, GRADE1, GRADE2_CLASS1, STUDENT1, TEACHER1, announcementRpc } from './announcement-fixtures';

const MINUTE = 60_000;

describe('announcement paging and call metadata', () => {
  let harness: ReferenceHarness;
  let rpc: ReturnType<typeof announcementRpc>;
  /** Titles of the 12 admin announcements, oldest first. */
  const created: string[] = [];
  beforeAll(async () => {
    harness = await startReferenceHarness();
    rpc = announcementRpc(harness);
    for (let i = 1; i <= 12; i += 1) {
      harness.clock.advance(MINUTE);
      const title = `페이지 공지 ${String(i).padStart(2, '0')}`;
      const reply = await rpc('createAnnouncement', {
        uuid: ADMIN,
        type: 'school',
        title,
        content: '{}',
        targetGrade: 3,
        targetGroup: 4,
      });
      expect(reply.status).toBe(201);
      created.push(title);
    }
  });
  afterAll(() => harness.close());

  const newestFirst = () => [...created].reverse();

  describe('page-index paging (start = page, count = size; legacy-api.md §0.7)', () => {
    it.each([
      [0, 5, () => newestFirst().slice(0, 5)],
      [1, 5, () => newestFirst().slice(5, 10)],
      [
        2,
        5,
        () => [
          ...newestFirst().slice(10),
          '1학년 공지: 신입생 오리엔테이션',
          '2학년 1반 공지: 진로 상담',
          '전체 공지: 기숙사 점호 시간 변경',
        ],
      ],
      [3, 5, () => []],
      [
        1,
        10,
        () => [
          ...newestFirst().slice(10),
          '1학년 공지: 신입생 오리엔테이션',
          '2학년 1반 공지: 진로 상담',
          '전체 공지: 기숙사 점호 시간 변경',
        ],
      ],
    ])('GetAnnouncements page %i of size %i; size is the total', async (start, count, expected) => {
      const reply = await rpc('getAnnouncements', { uuid: TEACHER1, type: 'school', start, count });
      expect(reply).toMatchObject({ status: 200, size: 15 });
      expect(reply.announcement.map((row) => row.title)).toEqual(expected());
    });

    it('pages the student view over the targeted announcements only', async () => {
      const reply = await rpc('getAnnouncements', { uuid: STUDENT1, type: 'school', start: 1, count: 1 });
      expect(reply).toMatchObject({ status: 200, size: 2 });
      expect(reply.announcement.map((row) => row.announcementId)).toEqual([ALL_GRADES]);
    });

    it('pages GetMyAnnouncements', async () => {
      const reply = await rpc('getMyAnnouncements', { uuid: ADMIN, start: 1, count: 10 });
      expect(reply).toMatchObject({ status: 200, size: 13 });
      expect(reply.announcement.map((row) => row.title)).toEqual([
        ...newestFirst().slice(10),
        '1학년 공지: 신입생 오리엔테이션',
      ]);
      expect(reply.announcement[2]?.announcementId).toBe(GRADE1);
    });

    it('pages SearchAnnouncements; size still counts every title match', async () => {
      const reply = await rpc('searchAnnouncements', {
        uuid: TEACHER1,
        type: 'school',
        query: '공지',
        start: 0,
        count: 1,
      });
      // teacher1's homeroom is 2-1, so the 3-4 page announcements are filtered out (QUIRK) but counted.
      expect(reply).toMatchObject({ status: 200, size: 15 });
      expect(reply.announcement.map((row) => row.announcementId)).toEqual([GRADE2_CLASS1]);
    });

    it.each([
      ['a size of 0', 0, 0],
      ['a negative page', -1, 5],
    ])('answers 500 −1000 for %s (Spring PageRequest refused it)', async (_case, start, count) => {
      const reply = await rpc('getAnnouncements', { uuid: TEACHER1, type: 'school', start, count });
      expect(reply).toMatchObject({ status: 500, code: -1000, announcement: [] });
    });
  });

  describe('metadata rejection (legacy-api.md §2.5): 407 −1000 before any rule', () => {
    const variants = [
      ['missing x-request-id', { requestId: null }],
      ['invalid x-request-id', { requestId: 'not-a-uuid' }],
      ['missing span-context', { spanContext: null }],
      ['invalid span-context', { spanContext: 'garbage' }],
    ] as const;
    const calls = [
      ['getAnnouncements', { uuid: TEACHER1, type: 'school', start: 0, count: 10 }],
      ['getAnnouncementDetail', { uuid: TEACHER1, announcementId: GRADE1 }],
      ['createAnnouncement', { uuid: TEACHER1, type: 'school', title: 't', content: '{}' }],
      ['updateAnnouncement', { uuid: ADMIN, announcementId: GRADE1, title: 't', content: '{}' }],
      ['deleteAnnouncement', { uuid: ADMIN, announcementId: GRADE1 }],
      ['checkAnnouncement', { uuid: STUDENT1 }],
      ['searchAnnouncements', { uuid: TEACHER1, type: 'school', query: '', start: 0, count: 10 }],
      ['getMyAnnouncements', { uuid: TEACHER1, start: 0, count: 10 }],
    ] as const;

    describe.each(calls)('%s', (method, request) => {
      it.each(variants)('%s → 407 −1000', async (_case, overrides) => {
        const reply = await harness.call(
          'announcement',
          AnnouncementServiceService,
          method,
          request as never,
          legacyMetadata(overrides),
        );
        expect(reply).toMatchObject({ status: 407, code: -1000 });
        expect((reply as { msg: string }).msg).toMatch(/proxy auth required/);
      });
    });

    it('changed nothing while rejecting', async () => {
      await expect(rpc('getAnnouncementDetail', { uuid: ADMIN, announcementId: GRADE1 })).resolves.toMatchObject({
        status: 200,
        title: '1학년 공지: 신입생 오리엔테이션',
      });
    });
  });

  it('answers ChangeAllServiceNodes on the event service', async () => {
    await expect(harness.call('announcement', AnnouncementEventService, 'changeAllServiceNodes', {})).resolves.toEqual(
      {},
    );
  });
});
