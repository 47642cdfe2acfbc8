import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { DEMO, listPage, loginDemoAccounts, type Page, type Tokens } from './announcement-test-kit';

describe('GraphQL announcement lists', () => {
  let gateway: GatewayHarness;
  let tokens: Tokens;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    tokens = await loginDemoAccounts(gateway);
  });
  afterAll(() => gateway.close());

  const ids = (page: Page) => page.items.map((item) => item.id);

  describe('announcements', () => {
    it('lists the school announcements aimed at student1 (grade 2 class 1), newest first', async () => {
      const page = await listPage(gateway, tokens.student1, { type: 'SCHOOL' });
      expect(page.total).toBe(2);
      expect(page.items).toEqual([
        {
          id: DEMO.class21,
          number: 2,
          type: 'SCHOOL',
          title: '2학년 1반 공지: 진로 상담',
          writerName: '김선생',
          writer: null,
          date: new Date(Date.parse('2026-11-23T01:00:00Z')).toISOString(),
          views: 0,
          isRead: false,
        },
        expect.objectContaining({ id: DEMO.all, number: 1, writerName: '김선생' }),
      ]);
    });

    it('lists a different set for student2 (grade 1 class 3)', async () => {
      const page = await listPage(gateway, tokens.student2, { type: 'SCHOOL' });
      expect(ids(page)).toEqual([DEMO.grade1, DEMO.all]);
      expect(page.items[0]?.writerName).toBe('어드민');
    });

    it('lists every school announcement for staff and parents', async () => {
      for (const token of [tokens.teacher, tokens.admin, tokens.parent]) {
        expect(ids(await listPage(gateway, token, { type: 'SCHOOL' }))).toEqual([DEMO.grade1, DEMO.class21, DEMO.all]);
      }
    });

    it("lists club announcements for everyone, with the club's name as the writer", async () => {
      const page = await listPage(gateway, tokens.student2, { type: 'CLUB' });
      expect(page).toEqual({
        total: 1,
        items: [expect.objectContaining({ id: DEMO.club, type: 'CLUB', writerName: 'DMS', writer: null })],
      });
    });

    it('pages by page index, not by row offset', async () => {
      // Twelve more school announcements for everyone, a minute apart, so the newest-first order is known.
      const created: string[] = [];
      for (let i = 1; i <= 12; i += 1) {
        gateway.services.clock.advance(60_000);
        const res = await gateway.graphql<{ createAnnouncement: string }>(
          operation('announcement/create-announcement'),
          { input: { type: 'SCHOOL', title: `페이지 공지 ${i}`, content: { i } } },
          { token: tokens.admin },
        );
        created.unshift(res.body.data?.createAnnouncement as string);
      }
      const newestFirst = [...created, DEMO.grade1, DEMO.class21, DEMO.all];

      const pages = await Promise.all(
        [0, 1, 2, 3].map((page) => listPage(gateway, tokens.teacher, { type: 'SCHOOL', page, size: 4 })),
      );
      expect(pages.map((p) => p.total)).toEqual([15, 15, 15, 15]);
      expect(pages.flatMap(ids)).toEqual(newestFirst);
      expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 3]);
      expect(ids(await listPage(gateway, tokens.teacher, { type: 'SCHOOL', page: 4, size: 4 }))).toEqual([]);
      // The default page size is 10.
      expect(ids(await listPage(gateway, tokens.teacher, { type: 'SCHOOL' }))).toEqual(newestFirst.slice(0, 10));
      expect(ids(await listPage(gateway, tokens.teacher, { type: 'SCHOOL', page: 1 }))).toEqual(newestFirst.slice(10));
    });

    it.each([
      [{ page: -1 }, 'page'],
      [{ size: 0 }, 'size'],
      [{ size: 101 }, 'size'],
    ])('refuses %j as BAD_USER_INPUT with the validation code', async (paging, field) => {
      const res = await gateway.graphql(
        operation('announcement/announcements'),
        { type: 'SCHOOL', ...paging },
        { token: tokens.student1 },
      );
      expect(res.body.errors?.[0]?.message).toContain(field);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    });

    it('refuses an unknown type before calling the service', async () => {
      const res = await gateway.graphql(
        operation('announcement/announcements'),
        { type: 'school' },
        { token: tokens.admin },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('answers UNAUTHENTICATED without a token', async () => {
      const res = await gateway.graphql(operation('announcement/announcements'), { type: 'SCHOOL' });
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    });
  });

  describe('searchAnnouncements', () => {
    const search = async (token: string, variables: Record<string, unknown>) => {
      const res = await gateway.graphql<{ searchAnnouncements: Page }>(
        operation('announcement/search-announcements'),
        variables,
        { token },
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data?.searchAnnouncements as Page;
    };

    it("finds school titles within the caller's class, counting every title match in total", async () => {
      const student1 = await search(tokens.student1, { type: 'SCHOOL', query: '공지:' });
      expect(ids(student1)).toEqual([DEMO.class21, DEMO.all]);
      expect(student1.total).toBe(3);
      expect(ids(await search(tokens.student2, { type: 'SCHOOL', query: '공지:' }))).toEqual([DEMO.grade1, DEMO.all]);
      // teacher1's homeroom is grade 2 class 1.
      expect(ids(await search(tokens.teacher, { type: 'SCHOOL', query: '공지:' }))).toEqual([DEMO.class21, DEMO.all]);
    });

    it('finds nothing at school level for an admin, who has no class (a legacy rule)', async () => {
      expect(await search(tokens.admin, { type: 'SCHOOL', query: '공지:' })).toEqual({ total: 3, items: [] });
    });

    it('finds club titles case-insensitively and pages them', async () => {
      expect(ids(await search(tokens.student2, { type: 'CLUB', query: 'dms' }))).toEqual([DEMO.club]);
      expect(await search(tokens.student2, { type: 'CLUB', query: 'dms', page: 1, size: 1 })).toEqual({
        total: 1,
        items: [],
      });
    });

    it('refuses a negative page as BAD_USER_INPUT and a missing token as UNAUTHENTICATED', async () => {
      const bad = await gateway.graphql(
        operation('announcement/search-announcements'),
        { type: 'CLUB', query: 'x', page: -1 },
        { token: tokens.student1 },
      );
      expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
      const anonymous = await gateway.graphql(operation('announcement/search-announcements'), {
        type: 'CLUB',
        query: 'x',
      });
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('announcementsByWriter', () => {
    const byWriter = (token: string, variables: Record<string, unknown>) =>
      gateway.graphql<{ announcementsByWriter: Page & { items: Array<{ writer: object }> } }>(
        operation('announcement/announcements-by-writer'),
        variables,
        { token },
      );

    it("lists a teacher's school announcements with the writer's account", async () => {
      const res = await byWriter(tokens.student1, { writerId: 'teacher-000000000001' });
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data?.announcementsByWriter as Page;
      expect(page.total).toBe(2);
      expect(ids(page)).toEqual([DEMO.class21, DEMO.all]);
      expect(page.items[0]).toMatchObject({
        type: 'SCHOOL',
        writerName: '김선생',
        writer: { __typename: 'Teacher', id: 'teacher-000000000001', role: 'TEACHER' },
        // The service reports the writer's reading, not student1's.
        isRead: null,
      });
    });

    it("reports the read flag when the writer asks for their own list, and pages an admin's", async () => {
      const own = await byWriter(tokens.teacher, { writerId: 'teacher-000000000001' });
      expect(own.body.data?.announcementsByWriter.items.map((i) => i.isRead)).toEqual([false, false]);
      const admin = await byWriter(tokens.teacher, { writerId: 'admin-000000000001', page: 1, size: 5 });
      expect(admin.body.data?.announcementsByWriter.total).toBeGreaterThanOrEqual(1);
      expect(admin.body.data?.announcementsByWriter.items[0]?.writer).toEqual({
        __typename: 'Admin',
        id: 'admin-000000000001',
        role: 'ADMIN',
      });
    });

    it('answers FORBIDDEN with −1000 for a writer who is not a teacher or admin', async () => {
      const res = await byWriter(tokens.teacher, { writerId: 'student-000000000001' });
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        legacyCode: -1000,
        service: 'announcement',
        rpc: 'GetMyAnnouncements',
      });
    });

    it('refuses an oversized page as BAD_USER_INPUT', async () => {
      const res = await byWriter(tokens.teacher, { writerId: 'teacher-000000000001', size: 1000 });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    });
  });
});
