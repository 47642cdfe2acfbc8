import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import {
  ADMIN,
  ERROR_CODE,
  GRADE1,
  JSON_CONTENT,
  PARENT1,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER1,
  announcementRpc,
} from './announcement-fixtures';

const DRAFT = { title: '새 공지', content: JSON_CONTENT, targetGrade: 13, targetGroup: 24 };

describe('announcement writes', () => {
  let harness: ReferenceHarness;
  let rpc: ReturnType<typeof announcementRpc>;
  beforeAll(async () => {
    harness = await startReferenceHarness();
    rpc = announcementRpc(harness);
  });
  afterAll(() => harness.close());

  const create = (uuid: string, type: string, overrides: Partial<typeof DRAFT> = {}) =>
    rpc('createAnnouncement', { uuid, type, ...DRAFT, ...overrides });
  const detail = (announcementId: string, uuid = ADMIN) => rpc('getAnnouncementDetail', { uuid, announcementId });

  describe('CreateAnnouncement', () => {
    it.each([
      ['teacher1', TEACHER1, 'school', '김선생'],
      ['teacher1', TEACHER1, 'club', '김선생'],
      ['admin', ADMIN, 'school', '어드민'],
      ['admin', ADMIN, 'club', '어드민'],
      ['student1 (DMS leader)', STUDENT1, 'club', 'DMS'],
      ['student3 (Entry leader)', STUDENT3, 'club', 'Entry'],
      ['parent1 (not blocked, inferred)', PARENT1, 'school', '홍판서'],
    ])('%s (%s) writes a %s announcement (201), shown as %p', async (_who, uuid, type, writerName) => {
      const reply = await create(uuid, type);
      expect(reply).toMatchObject({ status: 201, code: 0 });
      expect(reply.announcementId).toMatch(/^announcement-\d{12}$/);
      expect(reply.announcementId).toHaveLength(25);
      await expect(detail(reply.announcementId)).resolves.toMatchObject({
        status: 200,
        writerName,
        announcementType: type,
      });
    });

    it('stores date (ms, harness clock), title, JSON content and digit-set targets', async () => {
      harness.clock.advance(61_000);
      const createdAt = harness.clock.now();
      const { announcementId } = await create(TEACHER1, 'school');
      harness.clock.advance(5_000);
      const reply = await detail(announcementId);
      expect(reply).toMatchObject({ date: createdAt, title: '새 공지', targetGrade: 13, targetGroup: 24 });
      expect(JSON.parse(reply.content)).toEqual(JSON.parse(JSON_CONTENT));
      const list = await rpc('getAnnouncements', { uuid: TEACHER1, type: 'school', start: 0, count: 1 });
      expect(list.announcement[0]).toMatchObject({ announcementId, date: createdAt });
    });

    it('mints distinct ids', async () => {
      const replies = await Promise.all([1, 2, 3].map(() => create(ADMIN, 'school')));
      expect(new Set(replies.map((r) => r.announcementId)).size).toBe(3);
    });

    it.each([
      ['a student writing a school announcement', STUDENT1, 'school'],
      ['a student who leads no club', STUDENT2, 'club'],
      ['an unknown uuid', 'stranger-000000000001', 'school'],
    ])('refuses %s with 403 −1000', async (_case, uuid, type) => {
      const reply = await create(uuid, type);
      expect(reply).toMatchObject({ status: 403, code: ERROR_CODE, announcementId: '' });
      expect(reply.msg).not.toBe('');
    });

    it('answers 400 −1000 for an unknown type', async () => {
      await expect(create(TEACHER1, 'notice')).resolves.toMatchObject({ status: 400, code: ERROR_CODE });
    });

    it.each(['', 'plain text', '[1,2]', '"quoted"', 'null'])(
      'answers 500 −1000 when content %p is not a JSON object (the legacy document parse failed)',
      async (content) => {
        const reply = await create(TEACHER1, 'school', { content });
        expect(reply).toMatchObject({ status: 500, code: ERROR_CODE, announcementId: '' });
      },
    );
  });

  describe('UpdateAnnouncement', () => {
    it('lets the writer overwrite title, content and targets', async () => {
      const { announcementId } = await create(TEACHER1, 'school');
      const reply = await rpc('updateAnnouncement', {
        uuid: TEACHER1,
        announcementId,
        title: '수정된 공지',
        content: '{"text":"수정"}',
        targetGrade: 2,
        targetGroup: 1,
      });
      expect(reply).toMatchObject({ status: 200, code: 0, announcementId });
      const after = await detail(announcementId);
      expect(after).toMatchObject({ title: '수정된 공지', targetGrade: 2, targetGroup: 1, announcementType: 'school' });
      expect(JSON.parse(after.content)).toEqual({ text: '수정' });
    });

    it('lets an admin update someone else’s announcement, and empty values erase the fields', async () => {
      const { announcementId } = await create(TEACHER1, 'school');
      const reply = await rpc('updateAnnouncement', {
        uuid: ADMIN,
        announcementId,
        title: '',
        content: '{}',
        targetGrade: 0,
        targetGroup: 0,
      });
      expect(reply).toMatchObject({ status: 200, announcementId });
      await expect(detail(announcementId)).resolves.toMatchObject({ title: '', targetGrade: 0, targetGroup: 0 });
    });

    it.each([
      ['another account (student1)', STUDENT1],
      ['a parent', PARENT1],
    ])('refuses %s with 403 −1000', async (_who, uuid) => {
      const reply = await rpc('updateAnnouncement', { uuid, announcementId: GRADE1, ...DRAFT });
      expect(reply).toMatchObject({ status: 403, code: ERROR_CODE });
      await expect(detail(GRADE1)).resolves.toMatchObject({ title: '1학년 공지: 신입생 오리엔테이션' });
    });

    it('answers 404 −1000 for an unknown announcement', async () => {
      const reply = await rpc('updateAnnouncement', {
        uuid: ADMIN,
        announcementId: 'announcement-999999999999',
        ...DRAFT,
      });
      expect(reply).toMatchObject({ status: 404, code: ERROR_CODE });
    });

    it('answers 500 −1000 for empty content (route 65 note, inferred) and keeps the announcement', async () => {
      const { announcementId } = await create(TEACHER1, 'school');
      const reply = await rpc('updateAnnouncement', { uuid: TEACHER1, announcementId, ...DRAFT, content: '' });
      expect(reply).toMatchObject({ status: 500, code: ERROR_CODE });
      await expect(detail(announcementId)).resolves.toMatchObject({ title: '새 공지' });
    });
  });

  describe('DeleteAnnouncement', () => {
    it('lets the writer delete; the announcement is gone afterwards', async () => {
      const { announcementId } = await create(STUDENT1, 'club');
      const reply = await rpc('deleteAnnouncement', { uuid: STUDENT1, announcementId });
      expect(reply).toMatchObject({ status: 200, code: 0, announcementId });
      await expect(detail(announcementId)).resolves.toMatchObject({ status: 404, code: ERROR_CODE });
    });

    it.each([
      ['an admin (not special here)', ADMIN],
      ['another account (student1)', STUDENT1],
    ])('refuses %s with 403 −1000', async (_who, uuid) => {
      const { announcementId } = await create(TEACHER1, 'school');
      const reply = await rpc('deleteAnnouncement', { uuid, announcementId });
      expect(reply).toMatchObject({ status: 403, code: ERROR_CODE });
      await expect(detail(announcementId)).resolves.toMatchObject({ status: 200 });
    });

    it('answers 404 −1000 for an unknown announcement', async () => {
      const reply = await rpc('deleteAnnouncement', { uuid: TEACHER1, announcementId: 'announcement-999999999999' });
      expect(reply).toMatchObject({ status: 404, code: ERROR_CODE });
    });
  });
});
