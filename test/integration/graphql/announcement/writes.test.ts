import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { DEMO, listPage, loginDemoAccounts, type Tokens } from './announcement-test-kit';

interface AnnouncementInput {
  type?: 'SCHOOL' | 'CLUB';
  title: string;
  content: Record<string, unknown>;
  targetGrades?: number[] | null;
  targetClasses?: number[] | null;
}

describe('GraphQL announcement writes', () => {
  let gateway: GatewayHarness;
  let tokens: Tokens;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    tokens = await loginDemoAccounts(gateway);
  });
  afterAll(() => gateway.close());

  const create = (input: AnnouncementInput, token: string) =>
    gateway.graphql<{ createAnnouncement: string }>(
      operation('announcement/create-announcement'),
      { input },
      { token },
    );
  const createOk = async (input: AnnouncementInput, token: string) => {
    const res = await create(input, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.createAnnouncement as string;
  };
  const update = (id: string, input: AnnouncementInput, token: string) =>
    gateway.graphql<{ updateAnnouncement: string }>(
      operation('announcement/update-announcement'),
      { id, input },
      { token },
    );
  const remove = (id: string, token: string) =>
    gateway.graphql<{ deleteAnnouncement: string }>(operation('announcement/delete-announcement'), { id }, { token });
  const open = (id: string, token: string) =>
    gateway.graphql<{ announcement: Record<string, unknown> }>(
      operation('announcement/announcement'),
      { id },
      { token },
    );
  const visibleIds = async (token: string, type: 'SCHOOL' | 'CLUB' = 'SCHOOL') =>
    (await listPage(gateway, token, { type, size: 100 })).items.map((i) => i.id);

  describe('createAnnouncement', () => {
    it('publishes a school announcement for the chosen class, with its JSON content intact', async () => {
      const content = { blocks: [{ kind: 'text', text: '금요일 7교시 자습' }], pinned: true, count: 3 };
      const id = await createOk(
        { type: 'SCHOOL', title: '2-1 자습 안내', content, targetGrades: [2], targetClasses: [1] },
        tokens.teacher,
      );
      expect(id).toMatch(/^announcement-\d{12}$/);
      expect(await visibleIds(tokens.student1)).toContain(id);
      expect(await visibleIds(tokens.student2)).not.toContain(id);

      const opened = await open(id, tokens.teacher);
      expect(opened.body.data?.announcement).toMatchObject({
        type: 'SCHOOL',
        title: '2-1 자습 안내',
        writerName: '김선생',
        content,
        targetGrades: [2],
        targetClasses: [1],
        date: '2026-11-25T01:00:00.000Z',
      });
    });

    it('encodes target lists as digit sets: unordered and repeated values, everyone by default, nobody when empty', async () => {
      const mixed = await createOk(
        { type: 'SCHOOL', title: '1·3학년', content: {}, targetGrades: [3, 1, 1], targetClasses: [4, 3] },
        tokens.admin,
      );
      expect((await open(mixed, tokens.admin)).body.data?.announcement).toMatchObject({
        targetGrades: [1, 3],
        targetClasses: [3, 4],
      });
      expect(await visibleIds(tokens.student2)).toContain(mixed); // grade 1 class 3
      expect(await visibleIds(tokens.student1)).not.toContain(mixed);

      const everyone = await createOk({ type: 'SCHOOL', title: '전체', content: {}, targetGrades: null }, tokens.admin);
      expect((await open(everyone, tokens.admin)).body.data?.announcement).toMatchObject({
        targetGrades: [1, 2, 3],
        targetClasses: [1, 2, 3, 4],
      });
      expect(await visibleIds(tokens.student1)).toContain(everyone);
      expect(await visibleIds(tokens.student2)).toContain(everyone);

      const nobody = await createOk({ type: 'SCHOOL', title: '보류', content: {}, targetGrades: [] }, tokens.admin);
      expect((await open(nobody, tokens.admin)).body.data?.announcement).toMatchObject({ targetGrades: [] });
      expect(await visibleIds(tokens.student1)).not.toContain(nobody);
      expect(await visibleIds(tokens.teacher)).toContain(nobody);
    });

    it("lets a club leader publish a club announcement under the club's name", async () => {
      const id = await createOk({ type: 'CLUB', title: 'Entry 전시회', content: { at: '3층' } }, tokens.student3);
      const row = (await listPage(gateway, tokens.student1, { type: 'CLUB' })).items.find((i) => i.id === id);
      expect(row).toMatchObject({ type: 'CLUB', writerName: 'Entry' });
    });

    it.each([
      ['a student writing a school announcement', 'student1', 'SCHOOL'],
      ['a student who leads no club writing a club announcement', 'student2', 'CLUB'],
    ] as const)('answers FORBIDDEN with −1000 for %s', async (_who, role, type) => {
      const res = await create({ type, title: '권한 없음', content: {} }, tokens[role]);
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        legacyCode: -1000,
      });
      // Refused at the edge by the permissions, before the announcement service is asked.
      expect(res.body.errors?.[0]?.extensions).not.toHaveProperty('rpc');
    });

    it.each([
      ['a grade outside 1–3', { targetGrades: [4] }, 'targetGrades'],
      ['a class outside 1–4', { targetClasses: [0] }, 'targetClasses'],
      ['an empty title', { title: '' }, 'title'],
      ['a title over 50 characters', { title: '가'.repeat(51) }, 'title'],
      ['content over 1000 characters', { content: { text: 'x'.repeat(1000) } }, 'content'],
    ])('refuses %s as BAD_USER_INPUT with the validation code', async (_what, change, field) => {
      const res = await create({ type: 'SCHOOL', title: '제목', content: {}, ...change }, tokens.teacher);
      expect(res.body.errors?.[0]?.message).toContain(field);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    });

    it('refuses content that is not a JSON object before calling the service', async () => {
      const res = await gateway.graphql(
        operation('announcement/create-announcement'),
        { input: { type: 'SCHOOL', title: '제목', content: ['not', 'an', 'object'] } },
        { token: tokens.teacher },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('answers UNAUTHENTICATED without a token', async () => {
      const res = await create({ type: 'SCHOOL', title: '제목', content: {} }, '');
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    });
  });

  describe('updateAnnouncement', () => {
    it('replaces title, content and targets as the writer, moving it from one class to another', async () => {
      const id = await createOk(
        { type: 'SCHOOL', title: '원래 제목', content: { v: 1 }, targetGrades: [2], targetClasses: [1] },
        tokens.teacher,
      );
      const res = await update(
        id,
        { title: '바뀐 제목', content: { v: 2 }, targetGrades: [1], targetClasses: [3] },
        tokens.teacher,
      );
      expect(res.body).toEqual({ data: { updateAnnouncement: id } });
      expect((await open(id, tokens.teacher)).body.data?.announcement).toMatchObject({
        title: '바뀐 제목',
        content: { v: 2 },
        targetGrades: [1],
        targetClasses: [3],
      });
      expect(await visibleIds(tokens.student2)).toContain(id);
      expect(await visibleIds(tokens.student1)).not.toContain(id);
    });

    it("lets an admin update a teacher's announcement; targets left out become everyone", async () => {
      const res = await update(DEMO.class21, { title: '전체로 변경', content: { by: 'admin' } }, tokens.admin);
      expect(res.body.errors).toBeUndefined();
      expect((await open(DEMO.class21, tokens.admin)).body.data?.announcement).toMatchObject({
        title: '전체로 변경',
        targetGrades: [1, 2, 3],
        targetClasses: [1, 2, 3, 4],
      });
      expect(await visibleIds(tokens.student2)).toContain(DEMO.class21);
    });

    it('answers FORBIDDEN with −1000 for an account that is neither the writer nor an admin', async () => {
      const res = await update(DEMO.all, { title: '탈취', content: {} }, tokens.student1);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', legacyCode: -1000 });
    });

    it('answers NOT_FOUND with −1000 for an unknown announcement', async () => {
      const res = await update('announcement-999999999999', { title: '없음', content: {} }, tokens.admin);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', legacyCode: -1000 });
    });

    it('refuses invalid targets as BAD_USER_INPUT', async () => {
      const res = await update(DEMO.all, { title: '제목', content: {}, targetClasses: [5] }, tokens.teacher);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    });
  });

  describe('deleteAnnouncement', () => {
    it('deletes as the writer; the announcement is gone from lists and detail', async () => {
      const id = await createOk({ type: 'CLUB', title: '지울 공지', content: {} }, tokens.student1);
      expect(await remove(id, tokens.student1).then((r) => r.body)).toEqual({ data: { deleteAnnouncement: id } });
      expect(await visibleIds(tokens.student1, 'CLUB')).not.toContain(id);
      expect((await open(id, tokens.student1)).body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    });

    it("answers FORBIDDEN with −1000 even to an admin deleting someone else's announcement", async () => {
      const res = await remove(DEMO.all, tokens.admin);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        legacyCode: -1000,
        rpc: 'DeleteAnnouncement',
      });
      expect(await visibleIds(tokens.admin)).toContain(DEMO.all);
    });

    it('answers NOT_FOUND with −1000 for an unknown announcement and UNAUTHENTICATED without a token', async () => {
      const unknown = await remove('announcement-999999999999', tokens.teacher);
      expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', legacyCode: -1000 });
      const anonymous = await remove(DEMO.all, '');
      expect(anonymous.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    });
  });
});
