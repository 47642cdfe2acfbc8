/** ClubStudent reads against the demo data (legacy-api.md §1.6 routes 30–40, §5.3). */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { ClubStudentService } from '../../../../grpc-clients/generated/club/club-student';
import { DEMO_CLUBS, DEMO_RECRUITMENT } from '../../../../reference-services/demo-data';
import { legacyMetadata } from '../../../helpers/reference-services';
import {
  ADMIN,
  DMS_CLUB,
  DMS_RECRUITMENT,
  ENTRY_CLUB,
  PARENT,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER,
  startClubKit,
  type ClubKit,
} from './club-test-kit';

type StudentRpc = keyof typeof ClubStudentService & string;

describe('club reference service: ClubStudent', () => {
  let kit: ClubKit;
  beforeAll(async () => {
    kit = await startClubKit();
  });
  afterAll(() => kit.close());

  const call = <K extends StudentRpc>(
    method: K,
    request: Parameters<(typeof ClubStudentService)[K]['requestSerialize']>[0] extends infer R ? Partial<R> : never,
    metadata = legacyMetadata(),
  ) => kit.harness.call('club', ClubStudentService, method, request, metadata);

  const dms = DEMO_CLUBS[0];

  describe('GetClubInformWithUUID', () => {
    it('returns every field of the club, floor included', async () => {
      expect(await call('getClubInformWithUuid', { UUID: STUDENT2, ClubUUID: DMS_CLUB })).toEqual({
        Status: 200,
        Code: 0,
        Message: 'get club inform success',
        ClubUUID: DMS_CLUB,
        LeaderUUID: STUDENT1,
        MemberUUIDs: [STUDENT1, STUDENT2],
        Name: dms.name,
        ClubConcept: dms.clubConcept,
        Introduction: dms.introduction,
        Floor: '2',
        Location: dms.location,
        Field: dms.field,
        Link: dms.link,
        LogoURI: `logos/${DMS_CLUB}`,
      });
    });

    it('has the demo logos in the object store', async () => {
      const store = kit.harness.adapters.objectStore;
      await expect(store.exists(`logos/${DMS_CLUB}`)).resolves.toBe(true);
      await expect(store.exists(`logos/${ENTRY_CLUB}`)).resolves.toBe(true);
    });

    it('answers 404 (code 0) for an unknown club', async () => {
      const reply = await call('getClubInformWithUuid', { UUID: ADMIN, ClubUUID: 'club-999999999999' });
      expect(reply).toMatchObject({ Status: 404, Code: 0, ClubUUID: '' });
      expect(reply.Message).toMatch(/^not found \(reason: /);
    });
  });

  describe('GetClubInformsWithUUIDs', () => {
    it('returns the clubs in request order, also to teachers', async () => {
      const reply = await call('getClubInformsWithUuiDs', { UUID: TEACHER, ClubUUIDs: [ENTRY_CLUB, DMS_CLUB] });
      expect(reply.Status).toBe(200);
      expect(reply.Informs.map((i) => [i.ClubUUID, i.LeaderUUID, i.Floor])).toEqual([
        [ENTRY_CLUB, STUDENT3, '3'],
        [DMS_CLUB, STUDENT1, '2'],
      ]);
    });

    it('answers 404 when one uuid is unknown', async () => {
      const reply = await call('getClubInformsWithUuiDs', {
        UUID: STUDENT1,
        ClubUUIDs: [DMS_CLUB, 'club-999999999999'],
      });
      expect(reply).toMatchObject({ Status: 404, Code: 0, Informs: [] });
    });
  });

  describe('recruitment reads', () => {
    it('GetRecruitmentInformWithUUID returns the demo recruitment (start = seed date, open-ended)', async () => {
      expect(await call('getRecruitmentInformWithUuid', { UUID: STUDENT1, RecruitmentUUID: DMS_RECRUITMENT })).toEqual({
        Status: 200,
        Code: 0,
        Message: 'get recruitment inform success',
        RecruitmentUUID: DMS_RECRUITMENT,
        ClubUUID: DMS_CLUB,
        RecruitConcept: DEMO_RECRUITMENT.recruitConcept,
        RecruitMembers: DEMO_RECRUITMENT.members.map((m) => ({ Grade: m.grade, Field: m.field, Number: m.number })),
        StartPeriod: '2026-11-25',
        EndPeriod: '',
      });
    });

    it('GetRecruitmentInformWithUUID answers 404 for an unknown uuid', async () => {
      const reply = await call('getRecruitmentInformWithUuid', {
        UUID: STUDENT1,
        RecruitmentUUID: 'recruitment-999999999999',
      });
      expect(reply).toMatchObject({ Status: 404, Code: 0, RecruitmentUUID: '' });
    });

    it('GetRecruitmentUUIDWithClubUUID: 200 for DMS, 409 −1601 for Entry, 404 for an unknown club', async () => {
      expect(await call('getRecruitmentUuidWithClubUuid', { UUID: STUDENT1, ClubUUID: DMS_CLUB })).toMatchObject({
        Status: 200,
        RecruitmentUUID: DMS_RECRUITMENT,
      });
      const none = await call('getRecruitmentUuidWithClubUuid', { UUID: STUDENT1, ClubUUID: ENTRY_CLUB });
      expect(none).toMatchObject({ Status: 409, Code: -1601, RecruitmentUUID: '' });
      expect(none.Message).toMatch(/^conflict \(reason: /);
      expect(
        await call('getRecruitmentUuidWithClubUuid', { UUID: STUDENT1, ClubUUID: 'club-999999999999' }),
      ).toMatchObject({ Status: 404, Code: 0 });
    });

    it('GetRecruitmentUUIDsWithClubUUIDs is positional with "" for a club without a current recruitment', async () => {
      expect(
        await call('getRecruitmentUuiDsWithClubUuiDs', { UUID: ADMIN, ClubUUIDs: [ENTRY_CLUB, DMS_CLUB] }),
      ).toMatchObject({ Status: 200, RecruitmentUUIDs: ['', DMS_RECRUITMENT] });
    });

    it('GetRecruitmentUUIDsWithClubUUIDs answers 404 when a club is unknown', async () => {
      expect(
        await call('getRecruitmentUuiDsWithClubUuiDs', { UUID: ADMIN, ClubUUIDs: [DMS_CLUB, 'club-999999999999'] }),
      ).toMatchObject({ Status: 404, Code: 0, RecruitmentUUIDs: [] });
    });

    it('GetTotalCountOfCurrentRecruitments counts the demo recruitment (int64 → number)', async () => {
      expect(await call('getTotalCountOfCurrentRecruitments', { UUID: STUDENT1 })).toMatchObject({
        Status: 200,
        Count: 1,
      });
    });
  });

  describe('club properties', () => {
    it('GetAllClubFields lists each field once', async () => {
      const reply = await call('getAllClubFields', { UUID: STUDENT1 });
      expect(reply.Status).toBe(200);
      expect(reply.Fields).toEqual(expect.arrayContaining(['개발', '디자인']));
      expect(new Set(reply.Fields).size).toBe(reply.Fields.length);
    });

    it('GetTotalCountOfClubs counts the clubs', async () => {
      expect(await call('getTotalCountOfClubs', { UUID: ADMIN })).toMatchObject({ Status: 200, Count: 2 });
    });

    it('GetClubUUIDWithLeaderUUID: 200 for a leader, 409 −1611 otherwise', async () => {
      expect(await call('getClubUuidWithLeaderUuid', { UUID: STUDENT2, LeaderUUID: STUDENT1 })).toMatchObject({
        Status: 200,
        ClubUUID: DMS_CLUB,
      });
      expect(await call('getClubUuidWithLeaderUuid', { UUID: STUDENT2, LeaderUUID: STUDENT2 })).toMatchObject({
        Status: 409,
        Code: -1611,
        ClubUUID: '',
      });
    });

    it.each([
      ['2', [DMS_CLUB]],
      ['3', [ENTRY_CLUB]],
      ['5', []],
      ['x', []],
    ])('GetClubUUIDsWithFloor(%s), teachers allowed', async (floor, expected) => {
      expect(await call('getClubUuiDsWithFloor', { UUID: TEACHER, floor })).toMatchObject({
        Status: 200,
        ClubUUIDs: expected,
      });
    });
  });

  describe('role checks', () => {
    const requests: Record<StudentRpc, object> = {
      getClubsSortByUpdateTime: {},
      getRecruitmentsSortByCreateTime: {},
      getClubInformWithUuid: { ClubUUID: DMS_CLUB },
      getClubInformsWithUuiDs: { ClubUUIDs: [DMS_CLUB] },
      getRecruitmentInformWithUuid: { RecruitmentUUID: DMS_RECRUITMENT },
      getRecruitmentUuidWithClubUuid: { ClubUUID: DMS_CLUB },
      getRecruitmentUuiDsWithClubUuiDs: { ClubUUIDs: [DMS_CLUB] },
      getAllClubFields: {},
      getTotalCountOfClubs: {},
      getTotalCountOfCurrentRecruitments: {},
      getClubUuidWithLeaderUuid: { LeaderUUID: STUDENT1 },
      getClubUuiDsWithFloor: { floor: '2' },
    };
    const teacherAllowed = new Set<StudentRpc>(['getClubInformsWithUuiDs', 'getClubUuiDsWithFloor']);
    const rpcs = Object.keys(requests) as StudentRpc[];
    const definition = ClubStudentService as unknown as ServiceDefinition;
    const raw = (method: StudentRpc, uuid: string) =>
      kit.harness.call('club', definition, method, { ...requests[method], UUID: uuid }) as Promise<{
        Status: number;
        Code: number;
        Message: string;
      }>;

    it.each(rpcs)('%s: students and admins get 200', async (method) => {
      expect((await raw(method, STUDENT1)).Status).toBe(200);
      expect((await raw(method, ADMIN)).Status).toBe(200);
    });

    it.each(rpcs)('%s: parents and unknown uuids get 403 code 0; teachers only where allowed', async (method) => {
      for (const uuid of [PARENT, '', 'club-000000000001']) {
        const reply = await raw(method, uuid);
        expect(reply).toMatchObject({ Status: 403, Code: 0 });
        expect(reply.Message).toMatch(/^forbidden \(reason: you are not student/);
      }
      expect((await raw(method, TEACHER)).Status).toBe(teacherAllowed.has(method) ? 200 : 403);
    });
  });

  it('serves the go-micro alias path /DMS.SMS.v1.service.club.ClubStudent/GetAllClubFields', async () => {
    const reply = await kit.harness.callPath(
      'club',
      ClubStudentService,
      'getAllClubFields',
      '/DMS.SMS.v1.service.club.ClubStudent/GetAllClubFields',
      { UUID: STUDENT1 },
    );
    expect(reply).toMatchObject({ Status: 200, Fields: expect.arrayContaining(['개발']) });
  });

  it.each([
    ['missing x-request-id', { requestId: null }],
    ['invalid x-request-id', { requestId: '1234' }],
    ['missing span-context', { spanContext: null }],
    ['invalid span-context', { spanContext: 'a:b' }],
  ])('rejects %s with 407 (Go message)', async (_name, overrides) => {
    const reply = await call('getTotalCountOfClubs', { UUID: STUDENT1 }, legacyMetadata(overrides));
    expect(reply).toMatchObject({ Status: 407, Code: 0, Count: 0 });
    expect(reply.Message).toMatch(/^proxy auth required \(reason: /);
  });
});
