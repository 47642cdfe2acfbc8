import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import {
  ADMIN,
  DMS,
  ENTRY,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER,
  UNKNOWN_CLUB,
  UNKNOWN_STUDENT,
  createClubDirectly,
  createStudents,
  firstError,
  graphqlMultipart,
  tokenOf,
  type UploadFile,
} from './club-test-kit';

interface ClubRow {
  id: string;
  name: string;
  concept: string;
  introduction: string;
  link: string;
  logoUri: string;
  leader: { id: string };
  members: Array<{ id: string }>;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const logoFile = (bytes: Buffer = PNG): UploadFile => ({ bytes, filename: 'logo.png', type: 'image/png' });

/** The club writes (legacy routes 29, 41–45), each with the codes it can fail with. */
describe('GraphQL clubs: mutations', () => {
  let gateway: GatewayHarness;
  const admin = tokenOf(ADMIN);
  /** Students of class 3-4, free to lead and join the clubs made here. */
  let pupils: string[];
  let nextLocation = 0;
  const location = () => `시험실${(nextLocation += 1)}`;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    pupils = (await createStudents(gateway, 16, { grade: 3, group: 4, prefix: 'clubmut' })).map((s) => s.uuid);
  });
  afterAll(() => gateway.close());

  /** A club led by pupils[leader], with the given extra members; returns its id. */
  const clubLedBy = (leader: number, members: number[] = [], name = `동아리${leader}`) =>
    createClubDirectly(gateway, {
      name,
      leaderId: pupils[leader] as string,
      memberIds: [pupils[leader] as string, ...members.map((m) => pupils[m] as string)],
      location: location(),
    });

  describe('createClub (multipart upload)', () => {
    const createClub = (input: Record<string, unknown>, token = admin, logo = logoFile()) =>
      graphqlMultipart<{ createClub: ClubRow }>(gateway, operation('club/create-club'), { input }, { logo }, token);

    it('creates a club, stores the logo bytes and returns the club as the service now has it', async () => {
      const put = jest.spyOn(gateway.services.adapters.objectStore, 'put');
      const res = await createClub({
        name: '로봇부',
        leaderId: pupils[0],
        memberIds: [pupils[0], pupils[1]],
        field: '하드웨어',
        location: '4층 로봇실',
        floor: 4,
      });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const club = res.body.data?.createClub;
      expect(club?.id).toMatch(/^club-\d{12}$/);
      expect(club).toEqual({
        id: club?.id,
        name: '로봇부',
        concept: '',
        introduction: '',
        field: '하드웨어',
        location: '4층 로봇실',
        floor: 4,
        link: '',
        logoUri: `logos/${club?.id}`,
        leader: { id: pupils[0] },
        members: [{ id: pupils[0] }, { id: pupils[1] }],
        currentRecruitment: null,
      });
      expect(put).toHaveBeenCalledWith(`logos/${club?.id}`, PNG);
      put.mockRestore();

      const count = await gateway.graphql(operation('club/club-count'), {}, { token: admin });
      expect(count.body.data?.clubCount).toBe(3);
    });

    it('is FORBIDDEN for anyone but an admin', async () => {
      const res = await createClub(
        { name: '학생부', leaderId: STUDENT2, memberIds: [STUDENT2], field: '기타', location: location(), floor: 1 },
        tokenOf(STUDENT2),
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code: 'FORBIDDEN', legacyCode: undefined });
    });

    it.each([
      ['the members miss the leader (−1501)', { leaderId: 2, memberIds: [3] }, -1501],
      ['a member is unknown (−1502)', { leaderId: 2, memberIds: [2, UNKNOWN_STUDENT] }, -1502],
      ['the leader already leads a club (−1503)', { leaderId: STUDENT1, memberIds: [STUDENT1] }, -1503],
      ['the name is taken (−1504)', { leaderId: 2, memberIds: [2], name: 'DMS' }, -1504],
      ['the location is taken (−1505)', { leaderId: 2, memberIds: [2], location: '2층 소프트웨어실' }, -1505],
      ['a member is listed twice (−1506)', { leaderId: 2, memberIds: [2, 3, 3] }, -1506],
    ])('fails CONFLICT when %s', async (_case, overrides, legacyCode) => {
      const id = (ref: number | string) => (typeof ref === 'number' ? (pupils[ref] as string) : ref);
      const res = await createClub({
        name: '새동아리',
        field: '기타',
        location: location(),
        floor: 2,
        ...overrides,
        leaderId: id(overrides.leaderId),
        memberIds: overrides.memberIds.map(id),
      });
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code: 'CONFLICT', legacyCode });
    });

    it('fails BAD_USER_INPUT (−203) for a floor outside 1–5, before the service', async () => {
      const res = await createClub({
        name: '옥상부',
        leaderId: pupils[4],
        memberIds: [pupils[4]],
        field: '기타',
        location: location(),
        floor: 9,
      });
      expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    });

    it('requires the logo: without the file the operation does not validate', async () => {
      const res = await gateway.graphql(
        operation('club/create-club'),
        {
          input: {
            name: '무로고',
            leaderId: pupils[4],
            memberIds: [pupils[4]],
            field: '기타',
            location: 'x',
            floor: 1,
          },
        },
        { token: admin },
      );
      expect(res.status).toBe(400);
      expect(firstError(res).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('modifyClub', () => {
    let clubId: string;
    beforeAll(async () => {
      clubId = await clubLedBy(5, [6]);
    });

    it('lets the leader change the non-empty fields only', async () => {
      const res = await gateway.graphql<{ modifyClub: ClubRow }>(
        operation('club/modify-club'),
        { id: clubId, concept: '새 콘셉트', introduction: '소개글', link: 'https://example.com' },
        { token: tokenOf(pupils[5] as string) },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.modifyClub).toMatchObject({
        id: clubId,
        concept: '새 콘셉트',
        introduction: '소개글',
        link: 'https://example.com',
      });

      const onlyLink = await gateway.graphql<{ modifyClub: ClubRow }>(
        operation('club/modify-club'),
        { id: clubId, concept: '', link: 'https://example.org' },
        { token: admin },
      );
      expect(onlyLink.body.data?.modifyClub).toMatchObject({
        concept: '새 콘셉트',
        introduction: '소개글',
        link: 'https://example.org',
      });
    });

    it('replaces the logo from a multipart upload', async () => {
      const put = jest.spyOn(gateway.services.adapters.objectStore, 'put');
      const bytes = Buffer.from('new logo bytes');
      const res = await graphqlMultipart<{ modifyClub: ClubRow }>(
        gateway,
        operation('club/modify-club'),
        { id: clubId },
        { logo: logoFile(bytes) },
        tokenOf(pupils[5] as string),
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.modifyClub).toMatchObject({ concept: '새 콘셉트', logoUri: `logos/${clubId}` });
      expect(put).toHaveBeenCalledWith(`logos/${clubId}`, bytes);
      put.mockRestore();
    });

    it.each([
      ['FORBIDDEN −1711 for a teacher', TEACHER, 'own', 'FORBIDDEN', -1711],
      ['FORBIDDEN −1712 for a member who does not lead', 'member', 'own', 'FORBIDDEN', -1712],
      ['NOT_FOUND −1721 for an unknown club', ADMIN, UNKNOWN_CLUB, 'NOT_FOUND', -1721],
    ])('fails %s', async (_case, who, club, code, legacyCode) => {
      const caller = who === 'member' ? (pupils[6] as string) : who;
      const res = await gateway.graphql(
        operation('club/modify-club'),
        { id: club === 'own' ? clubId : club, concept: '바꿈' },
        { token: tokenOf(caller) },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });
  });

  describe('members', () => {
    let clubId: string;
    beforeAll(async () => {
      clubId = await clubLedBy(7);
    });
    const leader = () => tokenOf(pupils[7] as string);

    it('adds a member and returns the club with it', async () => {
      const res = await gateway.graphql<{ addClubMember: ClubRow }>(
        operation('club/add-club-member'),
        { clubId, studentId: pupils[8] },
        { token: leader() },
      );
      expect(res.body).toEqual({
        data: { addClubMember: { id: clubId, members: [{ id: pupils[7] }, { id: pupils[8] }] } },
      });
    });

    it.each([
      ['CONFLICT −1701 for a student who already is a member', 'own', 'member', 'leader', 'CONFLICT', -1701],
      ['NOT_FOUND −1722 for an unknown student', 'own', UNKNOWN_STUDENT, 'leader', 'NOT_FOUND', -1722],
      ['NOT_FOUND −1721 for an unknown club', UNKNOWN_CLUB, 'other', 'admin', 'NOT_FOUND', -1721],
      ['FORBIDDEN −1712 for a student who does not lead it', 'own', 'other', 'student2', 'FORBIDDEN', -1712],
      ['FORBIDDEN −1711 for a teacher', 'own', 'other', 'teacher', 'FORBIDDEN', -1711],
    ])('addClubMember fails %s', async (_case, club, student, who, code, legacyCode) => {
      const callers: Record<string, string> = {
        leader: pupils[7] as string,
        admin: ADMIN,
        student2: STUDENT2,
        teacher: TEACHER,
      };
      const studentIds: Record<string, string> = { member: pupils[7] as string, other: pupils[9] as string };
      const res = await gateway.graphql(
        operation('club/add-club-member'),
        { clubId: club === 'own' ? clubId : club, studentId: studentIds[student] ?? student },
        { token: tokenOf(callers[who] as string) },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });

    it('removes a member and returns the club without it', async () => {
      const res = await gateway.graphql<{ removeClubMember: ClubRow }>(
        operation('club/remove-club-member'),
        { clubId, studentId: pupils[8] },
        { token: admin },
      );
      expect(res.body).toEqual({ data: { removeClubMember: { id: clubId, members: [{ id: pupils[7] }] } } });
    });

    it.each([
      ['NOT_FOUND −1723 for a student who is not a member', 'own', ADMIN, 'NOT_FOUND', -1723],
      ['NOT_FOUND −1721 for an unknown club', UNKNOWN_CLUB, ADMIN, 'NOT_FOUND', -1721],
      ['FORBIDDEN −1712 for a student who does not lead it', 'own', STUDENT2, 'FORBIDDEN', -1712],
      ['FORBIDDEN −1711 for a teacher', 'own', TEACHER, 'FORBIDDEN', -1711],
    ])('removeClubMember fails %s', async (_case, club, caller, code, legacyCode) => {
      const res = await gateway.graphql(
        operation('club/remove-club-member'),
        { clubId: club === 'own' ? clubId : club, studentId: pupils[9] },
        { token: tokenOf(caller) },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });
  });

  describe('changeClubLeader', () => {
    let clubId: string;
    beforeAll(async () => {
      clubId = await clubLedBy(10, [11, 12]);
    });

    it('hands the leadership to a member and returns the club', async () => {
      const res = await gateway.graphql<{ changeClubLeader: ClubRow }>(
        operation('club/change-club-leader'),
        { clubId, newLeaderId: pupils[11] },
        { token: tokenOf(pupils[10] as string) },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.changeClubLeader).toMatchObject({ id: clubId, leader: { id: pupils[11] } });
      const lead = await gateway.graphql(operation('club/club-of-leader'), { leaderId: pupils[11] }, { token: admin });
      expect(lead.body.data).toMatchObject({ clubOfLeader: { id: clubId } });
    });

    it.each([
      ['CONFLICT −1801 for the current leader', 'own', 11, ADMIN, 'CONFLICT', -1801],
      ['NOT_FOUND −1723 for a student who is not a member', 'own', 13, ADMIN, 'NOT_FOUND', -1723],
      ['NOT_FOUND −1721 for an unknown club', UNKNOWN_CLUB, 12, ADMIN, 'NOT_FOUND', -1721],
      ['FORBIDDEN −1712 for the former leader', 'own', 12, 'former', 'FORBIDDEN', -1712],
      ['FORBIDDEN −1711 for a teacher', 'own', 12, TEACHER, 'FORBIDDEN', -1711],
    ])('fails %s', async (_case, club, newLeader, caller, code, legacyCode) => {
      const res = await gateway.graphql(
        operation('club/change-club-leader'),
        { clubId: club === 'own' ? clubId : club, newLeaderId: pupils[newLeader] },
        { token: tokenOf(caller === 'former' ? (pupils[10] as string) : caller) },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });

    it('fails CONFLICT −1802 for a member who leads another club', async () => {
      const res = await gateway.graphql(
        operation('club/add-club-member'),
        { clubId: ENTRY, studentId: STUDENT1 },
        { token: tokenOf(STUDENT3) },
      );
      expect(res.body.errors).toBeUndefined();
      const change = await gateway.graphql(
        operation('club/change-club-leader'),
        { clubId: ENTRY, newLeaderId: STUDENT1 },
        { token: tokenOf(STUDENT3) },
      );
      expect(firstError(change)).toEqual({ code: 'CONFLICT', legacyCode: -1802 });
    });
  });

  describe('deleteClub', () => {
    it('deletes a club and returns its id', async () => {
      const clubId = await clubLedBy(14);
      const res = await gateway.graphql(
        operation('club/delete-club'),
        { id: clubId },
        { token: tokenOf(pupils[14] as string) },
      );
      expect(res.body).toEqual({ data: { deleteClub: clubId } });
      const gone = await gateway.graphql(operation('club/club'), { id: clubId }, { token: admin });
      expect(firstError(gone)).toEqual({ code: 'NOT_FOUND', legacyCode: undefined });
    });

    it.each([
      ['CONFLICT −1901 while the club recruits', DMS, ADMIN, 'CONFLICT', -1901],
      ['NOT_FOUND −1721 for an unknown club', UNKNOWN_CLUB, ADMIN, 'NOT_FOUND', -1721],
      ['FORBIDDEN −1712 for a member who does not lead it', DMS, STUDENT2, 'FORBIDDEN', -1712],
      ['FORBIDDEN −1711 for a teacher', DMS, TEACHER, 'FORBIDDEN', -1711],
    ])('fails %s', async (_case, id, caller, code, legacyCode) => {
      const res = await gateway.graphql(operation('club/delete-club'), { id }, { token: tokenOf(caller) });
      expect(res.body.data).toBeNull();
      expect(firstError(res)).toEqual({ code, legacyCode });
    });
  });
});
