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
  UNKNOWN_RECRUITMENT,
  createClubDirectly,
  createStudents,
  firstError,
  tokenOf,
} from './club-test-kit';

interface RecruitmentRow {
  id: string;
  concept: string;
  members: Array<{ grade: number | null; field: string; number: number | null }>;
  startPeriod: string;
  endPeriod: string | null;
  club: { id: string; name?: string; currentRecruitment?: { id: string } | null };
}

const MEMBERS = [
  { grade: 1, field: '백엔드', number: 2 },
  { grade: 2, field: '프론트엔드', number: 1 },
];

/** Recruitments (legacy routes 31, 34, 35, 39, 46–48); the reference clock says 2026-11-25. */
describe('GraphQL recruitments', () => {
  let gateway: GatewayHarness;
  const student = tokenOf(STUDENT2);
  const admin = tokenOf(ADMIN);
  let pupils: string[];
  let nextLocation = 0;
  const newClub = async (leader: number) =>
    createClubDirectly(gateway, {
      name: `모집부${leader}`,
      leaderId: pupils[leader] as string,
      location: `모집실${(nextLocation += 1)}`,
    });

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    pupils = (await createStudents(gateway, 8, { grade: 3, group: 3, prefix: 'recruit' })).map((s) => s.uuid);
  });
  afterAll(() => gateway.close());

  describe('reads', () => {
    it('recruitments lists the recruitments in progress with their club', async () => {
      const res = await gateway.graphql<{ recruitments: RecruitmentRow[] }>(
        operation('club/recruitments'),
        {},
        { token: student },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.recruitments).toEqual([
        {
          id: DMS_RECRUITMENT,
          concept: '백엔드 개발자 모집',
          members: MEMBERS,
          startPeriod: '2026-11-25',
          endPeriod: null,
          club: { id: DMS, name: 'DMS' },
        },
      ]);
    });

    it('recruitments filters by the club field and name, and pages', async () => {
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ field: '개발' }, [DMS_RECRUITMENT]],
        [{ field: '디자인' }, []],
        [{ name: 'DM' }, [DMS_RECRUITMENT]],
        [{ name: 'Entry' }, []],
        [{ offset: 1 }, []],
        [{ offset: 0, limit: 1 }, [DMS_RECRUITMENT]],
      ];
      for (const [variables, ids] of cases) {
        const res = await gateway.graphql<{ recruitments: RecruitmentRow[] }>(
          operation('club/recruitments'),
          variables,
          { token: student },
        );
        expect(res.body.data?.recruitments.map((r) => r.id)).toEqual(ids);
      }
    });

    it('recruitment reads one by id, with its club and the club’s current recruitment', async () => {
      const res = await gateway.graphql<{ recruitment: RecruitmentRow }>(
        operation('club/recruitment'),
        { id: DMS_RECRUITMENT },
        { token: student },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.recruitment).toMatchObject({
        id: DMS_RECRUITMENT,
        members: MEMBERS,
        endPeriod: null,
        club: { id: DMS, name: 'DMS', currentRecruitment: { id: DMS_RECRUITMENT } },
      });
    });

    it('recruitment fails NOT_FOUND for an unknown id', async () => {
      const res = await gateway.graphql(operation('club/recruitment'), { id: UNKNOWN_RECRUITMENT }, { token: student });
      expect(res.body.data).toEqual({ recruitment: null });
      expect(firstError(res)).toEqual({ code: 'NOT_FOUND', legacyCode: undefined });
    });

    it('currentRecruitmentCount counts the recruitments in progress', async () => {
      const res = await gateway.graphql(operation('club/current-recruitment-count'), {}, { token: student });
      expect(res.body).toEqual({ data: { currentRecruitmentCount: 1 } });
    });

    it.each([
      ['club/recruitments', {}],
      ['club/recruitment', { id: DMS_RECRUITMENT }],
      ['club/current-recruitment-count', {}],
    ])('%s is FORBIDDEN for teachers and parents', async (name, variables) => {
      for (const caller of [TEACHER, PARENT]) {
        const res = await gateway.graphql(operation(name), variables, { token: tokenOf(caller) });
        expect(firstError(res)).toEqual({ code: 'FORBIDDEN', legacyCode: undefined });
      }
    });
  });

  describe('registerRecruitment', () => {
    it('opens a recruitment with an end date and shows it as the club’s current one', async () => {
      const clubId = await newClub(0);
      const res = await gateway.graphql<{ registerRecruitment: RecruitmentRow }>(
        operation('club/register-recruitment'),
        { clubId, concept: '신입 모집', endPeriod: '2026-12-31', members: MEMBERS },
        { token: tokenOf(pupils[0] as string) },
      );
      expect(res.body.errors).toBeUndefined();
      const recruitment = res.body.data?.registerRecruitment;
      expect(recruitment?.id).toMatch(/^recruitment-\d{12}$/);
      expect(recruitment).toEqual({
        id: recruitment?.id,
        concept: '신입 모집',
        members: MEMBERS,
        startPeriod: '2026-11-25',
        endPeriod: '2026-12-31',
        club: { id: clubId, currentRecruitment: { id: recruitment?.id } },
      });
      const count = await gateway.graphql(operation('club/current-recruitment-count'), {}, { token: student });
      expect(count.body.data?.currentRecruitmentCount).toBe(2);
    });

    it('opens an open-ended recruitment when the end date is left out (an end date of today is allowed)', async () => {
      const openEnded = await gateway.graphql<{ registerRecruitment: RecruitmentRow }>(
        operation('club/register-recruitment'),
        { clubId: await newClub(1), concept: '상시 모집', members: MEMBERS.slice(0, 1) },
        { token: admin },
      );
      expect(openEnded.body.data?.registerRecruitment).toMatchObject({ endPeriod: null });
      const today = await gateway.graphql<{ registerRecruitment: RecruitmentRow }>(
        operation('club/register-recruitment'),
        { clubId: ENTRY, concept: '오늘까지', endPeriod: '2026-11-25', members: MEMBERS },
        { token: tokenOf(STUDENT3) },
      );
      expect(today.body.data?.registerRecruitment).toMatchObject({ endPeriod: '2026-11-25', club: { id: ENTRY } });
    });

    it.each([
      ['CONFLICT −2001 while another recruitment is in progress', DMS, '2026-12-31', ADMIN, 'CONFLICT', -2001],
      ['CONFLICT −2002 for an end date before today', 'fresh', '2026-11-24', ADMIN, 'CONFLICT', -2002],
      ['NOT_FOUND −1721 for an unknown club', UNKNOWN_CLUB, null, ADMIN, 'NOT_FOUND', -1721],
      ['FORBIDDEN −1712 for a student who does not lead the club', DMS, null, STUDENT2, 'FORBIDDEN', -1712],
      ['FORBIDDEN −1711 for a teacher', DMS, null, TEACHER, 'FORBIDDEN', -1711],
    ])('fails %s', async (_case, club, endPeriod, caller, code, legacyCode) => {
      const clubId = club === 'fresh' ? await newClub(2) : club;
      const res = await gateway.graphql(
        operation('club/register-recruitment'),
        { clubId, concept: '모집', endPeriod, members: MEMBERS },
        { token: tokenOf(caller) },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });

    it('fails BAD_USER_INPUT (−203) without member lines or with a grade outside 1–3, before the service', async () => {
      const clubId = await newClub(3);
      for (const members of [[], [{ grade: 4, field: '백엔드', number: 1 }]]) {
        const res = await gateway.graphql(
          operation('club/register-recruitment'),
          { clubId, concept: '모집', members },
          { token: admin },
        );
        expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', legacyCode: -203 });
      }
    });
  });

  describe('modifyRecruitment and deleteRecruitment', () => {
    let clubId: string;
    let recruitmentId: string;
    beforeAll(async () => {
      clubId = await newClub(4);
      const res = await gateway.graphql<{ registerRecruitment: RecruitmentRow }>(
        operation('club/register-recruitment'),
        { clubId, concept: '처음 모집', endPeriod: '2026-12-01', members: MEMBERS },
        { token: admin },
      );
      recruitmentId = res.body.data?.registerRecruitment.id as string;
    });
    const leader = () => tokenOf(pupils[4] as string);

    it('changes the concept only, keeping the members and the end date', async () => {
      const res = await gateway.graphql<{ modifyRecruitment: RecruitmentRow }>(
        operation('club/modify-recruitment'),
        { id: recruitmentId, concept: '바뀐 모집' },
        { token: leader() },
      );
      expect(res.body).toEqual({
        data: {
          modifyRecruitment: { id: recruitmentId, concept: '바뀐 모집', members: MEMBERS, endPeriod: '2026-12-01' },
        },
      });
    });

    it('replaces all member lines when members are given', async () => {
      const members = [{ grade: 3, field: '디자인', number: 4 }];
      const res = await gateway.graphql<{ modifyRecruitment: RecruitmentRow }>(
        operation('club/modify-recruitment'),
        { id: recruitmentId, members },
        { token: leader() },
      );
      expect(res.body.data?.modifyRecruitment).toMatchObject({ concept: '바뀐 모집', members });
    });

    it.each([
      ['modify-recruitment', 'NOT_FOUND −1724 for an unknown recruitment', 'unknown', ADMIN, 'NOT_FOUND', -1724],
      ['modify-recruitment', 'FORBIDDEN −1712 for a student who does not lead', 'own', STUDENT1, 'FORBIDDEN', -1712],
      ['modify-recruitment', 'FORBIDDEN −1711 for a teacher', 'own', TEACHER, 'FORBIDDEN', -1711],
      ['delete-recruitment', 'NOT_FOUND −1724 for an unknown recruitment', 'unknown', ADMIN, 'NOT_FOUND', -1724],
      ['delete-recruitment', 'FORBIDDEN −1712 for a student who does not lead', 'own', STUDENT1, 'FORBIDDEN', -1712],
      ['delete-recruitment', 'FORBIDDEN −1711 for a teacher', 'own', TEACHER, 'FORBIDDEN', -1711],
    ])('%s fails %s', async (name, _case, which, caller, code, legacyCode) => {
      const res = await gateway.graphql(
        operation(`club/${name}`),
        { id: which === 'own' ? recruitmentId : UNKNOWN_RECRUITMENT, concept: '무단 변경' },
        { token: tokenOf(caller) },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });

    it('deletes the recruitment, returns its id, and the club recruits no more', async () => {
      const res = await gateway.graphql(
        operation('club/delete-recruitment'),
        { id: recruitmentId },
        { token: leader() },
      );
      expect(res.body).toEqual({ data: { deleteRecruitment: recruitmentId } });
      const club = await gateway.graphql(operation('club/club'), { id: clubId }, { token: admin });
      expect(club.body.data).toMatchObject({ club: { id: clubId, currentRecruitment: null } });
      const again = await gateway.graphql(
        operation('club/delete-recruitment'),
        { id: recruitmentId },
        { token: admin },
      );
      expect(firstError(again)).toEqual({ code: 'NOT_FOUND', legacyCode: -1724 });
    });

    it('keeps a past recruitment readable by id but no longer current', async () => {
      const pastClub = await newClub(5);
      const registered = await gateway.graphql<{ registerRecruitment: RecruitmentRow }>(
        operation('club/register-recruitment'),
        { clubId: pastClub, concept: '짧은 모집', endPeriod: '2026-11-26', members: MEMBERS },
        { token: admin },
      );
      const id = registered.body.data?.registerRecruitment.id as string;
      // "Current" lasts until the day after the end date (legacy-api.md §4.3).
      gateway.services.clock.set(Date.parse('2026-11-28T01:00:00Z'));
      try {
        const res = await gateway.graphql<{ recruitment: RecruitmentRow }>(
          operation('club/recruitment'),
          { id },
          { token: student },
        );
        expect(res.body.data?.recruitment).toMatchObject({
          id,
          endPeriod: '2026-11-26',
          club: { id: pastClub, currentRecruitment: null },
        });
        const modify = await gateway.graphql(
          operation('club/modify-recruitment'),
          { id, concept: 'x' },
          { token: admin },
        );
        expect(firstError(modify)).toEqual({ code: 'NOT_FOUND', legacyCode: -1724 });
      } finally {
        gateway.services.clock.set(Date.parse('2026-11-25T01:00:00Z'));
      }
    });
  });
});
