import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { DEMO, listPage, loginDemoAccounts, type Tokens } from './announcement-test-kit';

interface Opened {
  id: string;
  type: string;
  title: string;
  writerName: string;
  date: string;
  content: Record<string, unknown>;
  targetGrades: number[];
  targetClasses: number[];
  next: { id: string; title: string } | null;
  previous: { id: string; title: string } | null;
}

describe('GraphQL announcement detail and read tracking', () => {
  let gateway: GatewayHarness;
  let tokens: Tokens;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    tokens = await loginDemoAccounts(gateway);
  });
  afterAll(() => gateway.close());

  const open = async (id: string, token: string) => {
    const res = await gateway.graphql<{ announcement: Opened }>(
      operation('announcement/announcement'),
      { id },
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.announcement as Opened;
  };
  const unread = async (token: string) => {
    const res = await gateway.graphql<{ unreadAnnouncements: { school: boolean; club: boolean } }>(
      operation('announcement/unread-announcements'),
      {},
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.unreadAnnouncements;
  };

  it('tracks what student1 has opened through announcement(id), lists and unreadAnnouncements', async () => {
    expect(await unread(tokens.student1)).toEqual({ school: true, club: true });

    await open(DEMO.all, tokens.student1);
    let page = await listPage(gateway, tokens.student1, { type: 'SCHOOL' });
    expect(page.items.map((i) => [i.id, i.isRead, i.views])).toEqual([
      [DEMO.class21, false, 0],
      [DEMO.all, true, 1],
    ]);
    expect(await unread(tokens.student1)).toEqual({ school: true, club: true });

    await open(DEMO.class21, tokens.student1);
    expect(await unread(tokens.student1)).toEqual({ school: false, club: true });
    await open(DEMO.club, tokens.student1);
    expect(await unread(tokens.student1)).toEqual({ school: false, club: false });

    // Opening again is not a second view; another reader is.
    await open(DEMO.all, tokens.student1);
    await open(DEMO.all, tokens.teacher);
    page = await listPage(gateway, tokens.student1, { type: 'SCHOOL' });
    expect(page.items.map((i) => [i.isRead, i.views])).toEqual([
      [true, 1],
      [true, 2],
    ]);

    // student2's reading is their own: the grade-1 announcement student1 cannot see is still unread for them.
    expect(await unread(tokens.student2)).toEqual({ school: true, club: true });
  });

  it('opens an announcement with its content, targets and type', async () => {
    expect(await open(DEMO.class21, tokens.teacher)).toEqual({
      id: DEMO.class21,
      type: 'SCHOOL',
      title: '2학년 1반 공지: 진로 상담',
      writerName: '김선생',
      date: '2026-11-23T01:00:00.000Z',
      content: { text: '이번 주 금요일 진로 상담이 있습니다.' },
      targetGrades: [2],
      targetClasses: [1],
      next: { id: DEMO.grade1, title: '1학년 공지: 신입생 오리엔테이션' },
      previous: { id: DEMO.all, title: '전체 공지: 기숙사 점호 시간 변경' },
    });
    expect(await open(DEMO.all, tokens.teacher)).toMatchObject({
      targetGrades: [1, 2, 3],
      targetClasses: [1, 2, 3, 4],
    });
    expect(await open(DEMO.club, tokens.student2)).toMatchObject({
      type: 'CLUB',
      writerName: 'DMS',
      next: null,
      previous: null,
    });
  });

  it('links next/previous only to announcements the student is targeted by', async () => {
    // student1 (2-1): all → class21; student2 (1-3): all → grade1; neither sees the other's.
    expect(await open(DEMO.all, tokens.student1)).toMatchObject({
      next: { id: DEMO.class21 },
      previous: null,
    });
    expect(await open(DEMO.all, tokens.student2)).toMatchObject({ next: { id: DEMO.grade1 }, previous: null });
    expect(await open(DEMO.grade1, tokens.student2)).toMatchObject({ next: null, previous: { id: DEMO.all } });
  });

  it('answers NOT_FOUND with −1000 for an unknown announcement', async () => {
    const res = await gateway.graphql(
      operation('announcement/announcement'),
      { id: 'announcement-999999999999' },
      { token: tokens.student1 },
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      legacyCode: -1000,
      rpc: 'GetAnnouncementDetail',
    });
  });

  it('answers FORBIDDEN with −1000 when a non-student asks for unread announcements', async () => {
    for (const token of [tokens.teacher, tokens.parent, tokens.admin]) {
      const res = await gateway.graphql(operation('announcement/unread-announcements'), {}, { token });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', legacyCode: -1000 });
    }
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    const detail = await gateway.graphql(operation('announcement/announcement'), { id: DEMO.all });
    expect(detail.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    const check = await gateway.graphql(operation('announcement/unread-announcements'));
    expect(check.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
  });
});
