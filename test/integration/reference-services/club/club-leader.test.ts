/** ClubLeader club management (legacy-api.md §1.6 routes 41–45, §5.3). */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { ClubLeaderService } from '../../../../grpc-clients/generated/club/club-leader';
import { ClubStudentService } from '../../../../grpc-clients/generated/club/club-student';
import { legacyMetadata } from '../../../helpers/reference-services';
import {
  ADMIN,
  DMS_CLUB,
  ENTRY_CLUB,
  PARENT,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER,
  newStudentUuid,
  startClubKit,
  type ClubKit,
} from './club-test-kit';

type LeaderRpc = keyof typeof ClubLeaderService & string;

describe('club reference service: ClubLeader (clubs and members)', () => {
  let kit: ClubKit;
  beforeAll(async () => {
    kit = await startClubKit();
  });
  afterAll(() => kit.close());

  const leader = <K extends LeaderRpc>(method: K, request: object, metadata = legacyMetadata()) =>
    kit.harness.call('club', ClubLeaderService as unknown as ServiceDefinition, method, request, metadata) as Promise<{
      Status: number;
      Code: number;
      Message: string;
      RecruitmentUUID?: string;
    }>;
  const inform = (clubUuid: string) =>
    kit.harness.call('club', ClubStudentService, 'getClubInformWithUuid', { UUID: ADMIN, ClubUUID: clubUuid });

  describe('role checks (every RPC)', () => {
    /** Requests that target demo club Entry (led by student3) or its (absent) recruitment. */
    const clubScoped: Array<[LeaderRpc, object]> = [
      ['addClubMember', { ClubUUID: ENTRY_CLUB, StudentUUID: STUDENT2 }],
      ['deleteClubMember', { ClubUUID: ENTRY_CLUB, StudentUUID: STUDENT3 }],
      ['changeClubLeader', { ClubUUID: ENTRY_CLUB, NewLeaderUUID: STUDENT2 }],
      ['modifyClubInform', { ClubUUID: ENTRY_CLUB, Link: 'x' }],
      ['deleteClubWithUuid', { ClubUUID: ENTRY_CLUB }],
      ['registerRecruitment', { ClubUUID: ENTRY_CLUB, RecruitConcept: 'c' }],
      ['modifyRecruitment', { RecruitmentUUID: 'recruitment-000000000001' }],
      ['deleteRecruitmentWithUuid', { RecruitmentUUID: 'recruitment-000000000001' }],
    ];

    it.each(clubScoped)('%s: 403 −1711 for teachers, parents and unknown uuids', async (method, request) => {
      for (const uuid of [TEACHER, PARENT, '']) {
        const reply = await leader(method, { ...request, UUID: uuid });
        expect(reply).toMatchObject({ Status: 403, Code: -1711 });
        expect(reply.Message).toBe('forbidden (reason: you are not student or admin)');
      }
    });

    it.each(clubScoped)('%s: 403 −1712 for a student who does not lead the club', async (method, request) => {
      // Recruitment RPCs target DMS's recruitment (led by student1); student3 leads Entry, not DMS.
      const caller = method.includes('Recruitment') && !method.startsWith('register') ? STUDENT3 : STUDENT1;
      const reply = await leader(method, { ...request, UUID: caller });
      expect(reply).toMatchObject({ Status: 403, Code: -1712 });
      expect(reply.Message).toBe("forbidden (reason: you're not admin and not club leader)");
    });

    it.each([
      ['addClubMember', { StudentUUID: STUDENT2 }],
      ['deleteClubMember', { StudentUUID: STUDENT2 }],
      ['changeClubLeader', { NewLeaderUUID: STUDENT2 }],
      ['modifyClubInform', { Link: 'x' }],
      ['deleteClubWithUuid', {}],
      ['registerRecruitment', { RecruitConcept: 'c' }],
    ] as Array<[LeaderRpc, object]>)('%s: 404 −1721 for an unknown club', async (method, request) => {
      const reply = await leader(method, { ...request, UUID: ADMIN, ClubUUID: 'club-999999999999' });
      expect(reply).toMatchObject({ Status: 404, Code: -1721 });
      expect(reply.Message).toBe('not found (reason: club with that uuid not exist)');
    });
  });

  describe('AddClubMember', () => {
    it('adds a member with status 201 (QUIRK) and checks the student with auth as the caller', async () => {
      const { clubUuid, leader: clubLeader } = await kit.createClub();
      const student = newStudentUuid();
      kit.auth.students.add(student);
      const reply = await leader('addClubMember', { UUID: clubLeader, ClubUUID: clubUuid, StudentUUID: student });
      expect(reply).toEqual({ Status: 201, Code: 0, Message: 'success to create new club member' });
      expect(kit.auth.received.at(-1)).toMatchObject({
        method: 'GetStudentInformWithUUID',
        request: { UUID: clubLeader, StudentUUID: student },
      });
      expect((await inform(clubUuid)).MemberUUIDs).toEqual([clubLeader, student]);
    });

    it('lets an admin add a member', async () => {
      const { clubUuid } = await kit.createClub();
      const student = newStudentUuid();
      kit.auth.students.add(student);
      expect(await leader('addClubMember', { UUID: ADMIN, ClubUUID: clubUuid, StudentUUID: student })).toMatchObject({
        Status: 201,
      });
    });

    it('answers 404 −1722 when auth does not know the student', async () => {
      const { clubUuid } = await kit.createClub();
      const reply = await leader('addClubMember', {
        UUID: ADMIN,
        ClubUUID: clubUuid,
        StudentUUID: newStudentUuid(),
      });
      expect(reply).toMatchObject({ Status: 404, Code: -1722 });
    });

    it('answers 409 −1701 when the student is already a member', async () => {
      const reply = await leader('addClubMember', { UUID: STUDENT1, ClubUUID: DMS_CLUB, StudentUUID: STUDENT2 });
      expect(reply).toMatchObject({ Status: 409, Code: -1701 });
    });
  });

  describe('DeleteClubMember', () => {
    it('removes a member (200)', async () => {
      const member = newStudentUuid();
      const { clubUuid, leader: clubLeader } = await kit.createClub();
      kit.auth.students.add(member);
      await leader('addClubMember', { UUID: ADMIN, ClubUUID: clubUuid, StudentUUID: member });
      const reply = await leader('deleteClubMember', { UUID: clubLeader, ClubUUID: clubUuid, StudentUUID: member });
      expect(reply).toMatchObject({ Status: 200, Code: 0 });
      expect((await inform(clubUuid)).MemberUUIDs).toEqual([clubLeader]);
    });

    it('answers 404 −1723 when the student is not a member', async () => {
      const reply = await leader('deleteClubMember', { UUID: STUDENT1, ClubUUID: DMS_CLUB, StudentUUID: STUDENT3 });
      expect(reply).toMatchObject({ Status: 404, Code: -1723 });
    });
  });

  describe('ChangeClubLeader', () => {
    it('hands the club to a member; the old leader loses the leader rights', async () => {
      const { clubUuid, leader: oldLeader } = await kit.createClub();
      const next = newStudentUuid();
      kit.auth.students.add(next);
      await leader('addClubMember', { UUID: oldLeader, ClubUUID: clubUuid, StudentUUID: next });
      const reply = await leader('changeClubLeader', { UUID: oldLeader, ClubUUID: clubUuid, NewLeaderUUID: next });
      expect(reply).toMatchObject({ Status: 200, Code: 0 });
      expect((await inform(clubUuid)).LeaderUUID).toBe(next);
      expect(await leader('modifyClubInform', { UUID: oldLeader, ClubUUID: clubUuid, Link: 'x' })).toMatchObject({
        Status: 403,
        Code: -1712,
      });
      expect(
        await kit.harness.call('club', ClubStudentService, 'getClubUuidWithLeaderUuid', {
          UUID: ADMIN,
          LeaderUUID: next,
        }),
      ).toMatchObject({ Status: 200, ClubUUID: clubUuid });
    });

    it('answers 409 −1801 when the new leader is already the leader', async () => {
      const reply = await leader('changeClubLeader', { UUID: STUDENT1, ClubUUID: DMS_CLUB, NewLeaderUUID: STUDENT1 });
      expect(reply).toMatchObject({ Status: 409, Code: -1801 });
    });

    it('answers 404 −1723 when the new leader is not a member', async () => {
      const reply = await leader('changeClubLeader', { UUID: STUDENT1, ClubUUID: DMS_CLUB, NewLeaderUUID: STUDENT3 });
      expect(reply).toMatchObject({ Status: 404, Code: -1723 });
    });

    it('answers 409 −1802 when the new leader already leads another club', async () => {
      const { clubUuid, leader: clubLeader } = await kit.createClub();
      await leader('addClubMember', { UUID: ADMIN, ClubUUID: clubUuid, StudentUUID: STUDENT3 });
      const reply = await leader('changeClubLeader', {
        UUID: clubLeader,
        ClubUUID: clubUuid,
        NewLeaderUUID: STUDENT3,
      });
      expect(reply).toMatchObject({ Status: 409, Code: -1802 });
    });
  });

  describe('ModifyClubInform', () => {
    it('updates only the non-empty fields and replaces the logo when bytes are sent', async () => {
      const { clubUuid, leader: clubLeader } = await kit.createClub();
      const store = kit.harness.adapters.objectStore as unknown as { keys(): string[] };
      expect(
        await leader('modifyClubInform', {
          UUID: clubLeader,
          ClubUUID: clubUuid,
          ClubConcept: 'concept',
          Introduction: 'intro',
          Link: 'https://a.example',
          Logo: Buffer.from('new logo'),
        }),
      ).toMatchObject({ Status: 200, Code: 0 });
      expect(
        await leader('modifyClubInform', { UUID: clubLeader, ClubUUID: clubUuid, Link: 'https://b.example' }),
      ).toMatchObject({ Status: 200 });
      expect(await inform(clubUuid)).toMatchObject({
        ClubConcept: 'concept',
        Introduction: 'intro',
        Link: 'https://b.example',
        LogoURI: `logos/${clubUuid}`,
      });
      expect(store.keys()).toContain(`logos/${clubUuid}`);
    });

    it.each([
      ['ClubConcept over 40', { ClubConcept: 'c'.repeat(41) }],
      ['Introduction over 150', { Introduction: 'i'.repeat(151) }],
      ['Link over 100', { Link: 'l'.repeat(101) }],
    ])('answers 407 for %s', async (_name, fields) => {
      const reply = await leader('modifyClubInform', { UUID: STUDENT1, ClubUUID: DMS_CLUB, ...fields });
      expect(reply).toMatchObject({ Status: 407, Code: 0 });
      expect(reply.Message).toMatch(/^proxy auth required \(reason: /);
    });

    it('QUIRK: answers 500 for an introduction of 101–150 characters (varchar(100) column)', async () => {
      const reply = await leader('modifyClubInform', {
        UUID: STUDENT1,
        ClubUUID: DMS_CLUB,
        Introduction: '소'.repeat(101),
      });
      expect(reply).toMatchObject({ Status: 500, Code: 0 });
      expect((await inform(DMS_CLUB)).Introduction).not.toBe('소'.repeat(101));
      expect(
        await leader('modifyClubInform', { UUID: STUDENT1, ClubUUID: DMS_CLUB, Introduction: '소'.repeat(100) }),
      ).toMatchObject({ Status: 200 });
    });
  });

  describe('DeleteClubWithUUID', () => {
    it('deletes a club without a current recruitment (200)', async () => {
      const { clubUuid, leader: clubLeader } = await kit.createClub();
      expect(await leader('deleteClubWithUuid', { UUID: clubLeader, ClubUUID: clubUuid })).toMatchObject({
        Status: 200,
        Code: 0,
      });
      expect((await inform(clubUuid)).Status).toBe(404);
      // The leader is free to lead a new club.
      await expect(kit.createClub({ LeaderUUID: clubLeader })).resolves.toMatchObject({ leader: clubLeader });
    });

    it('answers 409 −1901 while a recruitment is current (DMS)', async () => {
      const reply = await leader('deleteClubWithUuid', { UUID: ADMIN, ClubUUID: DMS_CLUB });
      expect(reply).toMatchObject({ Status: 409, Code: -1901 });
      expect((await inform(DMS_CLUB)).Status).toBe(200);
    });
  });

  it('rejects bad metadata with 407 before the role check', async () => {
    const reply = await leader(
      'deleteClubWithUuid',
      { UUID: TEACHER, ClubUUID: DMS_CLUB },
      legacyMetadata({ requestId: null }),
    );
    expect(reply).toMatchObject({ Status: 407, Code: 0 });
  });
});
