import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import {
  ADMIN,
  DMS,
  DMS_RECRUITMENT,
  ENTRY,
  PARENT,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER,
  UNKNOWN_CLUB,
  firstError,
  tokenOf,
} from './club-test-kit';

interface ClubRow {
  id: string;
  name: string;
  floor: number | null;
  leader: { id: string; name?: string };
  members: Array<{ id: string }>;
  currentRecruitment?: { id: string } | null;
}

/** The club reads on the demo data (legacy routes 30, 32, 33, 35–38, 40); nothing here writes. */
describe('GraphQL clubs: queries', () => {
  let gateway: GatewayHarness;
  const student = tokenOf(STUDENT2);
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  describe('clubs', () => {
    it('lists the clubs with every field, the leader and the members as students', async () => {
      const res = await gateway.graphql<{ clubs: ClubRow[] }>(operation('club/clubs'), {}, { token: student });
      expect(res.body.errors).toBeUndefined();
      const dms = res.body.data?.clubs.find((c) => c.id === DMS);
      expect(dms).toEqual({
        id: DMS,
        name: 'DMS',
        concept: '학교를 바꾸는 개발 동아리',
        introduction: '기숙사 관리 시스템과 학교 서비스를 만듭니다.',
        field: '개발',
        location: '2층 소프트웨어실',
        floor: 2,
        link: 'https://github.com/DMS-SMS',
        logoUri: `logos/${DMS}`,
        leader: { id: STUDENT1 },
        members: [{ id: STUDENT1 }, { id: STUDENT2 }],
      });
      expect(res.body.data?.clubs.map((c) => c.id).sort()).toEqual([DMS, ENTRY]);
    });

    it('filters by field and by name as substrings', async () => {
      const byField = await gateway.graphql<{ clubs: ClubRow[] }>(
        operation('club/clubs'),
        { field: '디자' },
        { token: student },
      );
      expect(byField.body.data?.clubs.map((c) => c.id)).toEqual([ENTRY]);
      const byName = await gateway.graphql<{ clubs: ClubRow[] }>(
        operation('club/clubs'),
        { name: 'M' },
        { token: student },
      );
      expect(byName.body.data?.clubs.map((c) => c.id)).toEqual([DMS]);
      const none = await gateway.graphql<{ clubs: ClubRow[] }>(
        operation('club/clubs'),
        { name: '없는 동아리' },
        { token: student },
      );
      expect(none.body).toEqual({ data: { clubs: [] } });
    });

    it('pages with offset and limit', async () => {
      const all = await gateway.graphql<{ clubs: ClubRow[] }>(operation('club/clubs'), {}, { token: student });
      const ids = all.body.data?.clubs.map((c) => c.id) ?? [];
      const first = await gateway.graphql<{ clubs: ClubRow[] }>(
        operation('club/clubs'),
        { offset: 0, limit: 1 },
        { token: student },
      );
      const second = await gateway.graphql<{ clubs: ClubRow[] }>(
        operation('club/clubs'),
        { offset: 1, limit: 1 },
        { token: student },
      );
      expect([...(first.body.data?.clubs ?? []), ...(second.body.data?.clubs ?? [])].map((c) => c.id)).toEqual(ids);
      const past = await gateway.graphql<{ clubs: ClubRow[] }>(
        operation('club/clubs'),
        { offset: 2 },
        { token: student },
      );
      expect(past.body.data?.clubs).toEqual([]);
    });

    it('is FORBIDDEN for teachers and parents, and UNAUTHENTICATED without a token', async () => {
      for (const [token, expected] of [
        [tokenOf(TEACHER), { code: 'FORBIDDEN', legacyCode: undefined }],
        [tokenOf(PARENT), { code: 'FORBIDDEN', legacyCode: undefined }],
        [undefined, { code: 'UNAUTHENTICATED', legacyCode: -101 }],
      ] as const) {
        const res = await gateway.graphql(operation('club/clubs'), {}, { token });
        expect(res.status).toBe(200);
        expect(res.body.data).toBeNull();
        expect(firstError(res)).toEqual(expected);
      }
    });
  });

  describe('club', () => {
    it('reads one club with its leader, members and current recruitment', async () => {
      const res = await gateway.graphql<{ club: ClubRow }>(operation('club/club'), { id: DMS }, { token: student });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.club).toMatchObject({
        id: DMS,
        floor: 2,
        leader: { id: STUDENT1, role: 'STUDENT', name: '홍길동' },
        members: [{ id: STUDENT1 }, { id: STUDENT2 }],
        currentRecruitment: { id: DMS_RECRUITMENT, concept: '백엔드 개발자 모집', club: { id: DMS } },
      });
    });

    it('answers currentRecruitment null for a club that does not recruit', async () => {
      const res = await gateway.graphql<{ club: ClubRow }>(operation('club/club'), { id: ENTRY }, { token: student });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.club).toMatchObject({ id: ENTRY, link: '', currentRecruitment: null });
    });

    it('fails NOT_FOUND for an unknown id', async () => {
      const res = await gateway.graphql(operation('club/club'), { id: UNKNOWN_CLUB }, { token: student });
      expect(res.body.data).toEqual({ club: null });
      expect(firstError(res)).toEqual({ code: 'NOT_FOUND', legacyCode: undefined });
    });

    it('is FORBIDDEN for parents', async () => {
      const res = await gateway.graphql(operation('club/club'), { id: DMS }, { token: tokenOf(PARENT) });
      expect(firstError(res)).toEqual({ code: 'FORBIDDEN', legacyCode: undefined });
    });
  });

  describe('clubsByIds', () => {
    it('reads several clubs in the order asked', async () => {
      const res = await gateway.graphql<{ clubsByIds: ClubRow[] }>(
        operation('club/clubs-by-ids'),
        { ids: [ENTRY, DMS] },
        { token: tokenOf(ADMIN) },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.clubsByIds).toEqual([
        { id: ENTRY, name: 'Entry', floor: 3, leader: { id: STUDENT3 }, currentRecruitment: null },
        { id: DMS, name: 'DMS', floor: 2, leader: { id: STUDENT1 }, currentRecruitment: { id: DMS_RECRUITMENT } },
      ]);
    });

    it('fails NOT_FOUND when any id is unknown', async () => {
      const res = await gateway.graphql(
        operation('club/clubs-by-ids'),
        { ids: [DMS, UNKNOWN_CLUB] },
        { token: student },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code: 'NOT_FOUND', legacyCode: undefined });
    });
  });

  it('clubFields lists every field once', async () => {
    const res = await gateway.graphql<{ clubFields: string[] }>(operation('club/club-fields'), {}, { token: student });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.clubFields.sort()).toEqual(['개발', '디자인']);
  });

  it('clubCount counts the clubs', async () => {
    const res = await gateway.graphql(operation('club/club-count'), {}, { token: student });
    expect(res.body).toEqual({ data: { clubCount: 2 } });
  });

  it('clubFields and clubCount are FORBIDDEN for teachers', async () => {
    for (const name of ['club/club-fields', 'club/club-count']) {
      const res = await gateway.graphql(operation(name), {}, { token: tokenOf(TEACHER) });
      expect(firstError(res)).toEqual({ code: 'FORBIDDEN', legacyCode: undefined });
    }
  });

  describe('clubOfLeader', () => {
    it('answers the club a student leads', async () => {
      const res = await gateway.graphql(operation('club/club-of-leader'), { leaderId: STUDENT3 }, { token: student });
      expect(res.body).toEqual({
        data: { clubOfLeader: { id: ENTRY, name: 'Entry', leader: { id: STUDENT3 } } },
      });
    });

    it('answers null, not an error, for a student who leads no club (legacy 409 −1611)', async () => {
      const res = await gateway.graphql(operation('club/club-of-leader'), { leaderId: STUDENT2 }, { token: student });
      expect(res.body).toEqual({ data: { clubOfLeader: null } });
    });

    it('is FORBIDDEN for teachers', async () => {
      const res = await gateway.graphql(
        operation('club/club-of-leader'),
        { leaderId: STUDENT1 },
        { token: tokenOf(TEACHER) },
      );
      expect(firstError(res)).toEqual({ code: 'FORBIDDEN', legacyCode: undefined });
    });
  });
});
