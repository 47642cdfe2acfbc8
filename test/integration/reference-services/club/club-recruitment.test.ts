/**
 * ClubLeader recruitment RPCs and the "current recruitment" rule (legacy-api.md §1.6 routes 46–48, §4.3):
 * current = end_period >= now − 1 day, or open-ended. The harness clock starts at 2026-11-25T01:00:00Z.
 */
import {
  ClubLeaderService,
  type RegisterRecruitmentRequest,
} from '../../../../grpc-clients/generated/club/club-leader';
import { ClubStudentService } from '../../../../grpc-clients/generated/club/club-student';
import {
  ADMIN,
  DMS_CLUB,
  DMS_RECRUITMENT,
  STUDENT1,
  digits12,
  metadataWith,
  startClubKit,
  type ClubKit,
} from './club-test-kit';

const START = Date.parse('2026-11-25T01:00:00Z');
const MEMBERS = [
  { Grade: '1', Field: 'backend', Number: '2' },
  { Grade: '3', Field: 'design', Number: '20' },
];

describe('club reference service: recruitments', () => {
  let kit: ClubKit;
  beforeAll(async () => {
    kit = await startClubKit();
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.harness.clock.set(START));

  const register = async (overrides: Partial<RegisterRecruitmentRequest> = {}, metadata = metadataWith({})) => {
    const clubUuid = overrides.ClubUUID ?? (await kit.createClub()).clubUuid;
    const reply = await kit.harness.call(
      'club',
      ClubLeaderService,
      'registerRecruitment',
      {
        UUID: ADMIN,
        RecruitConcept: 'we recruit',
        EndPeriod: '',
        RecruitMembers: MEMBERS,
        ...overrides,
        ClubUUID: clubUuid,
      },
      metadata,
    );
    return { clubUuid, reply };
  };
  const readRecruitment = (uuid: string) =>
    kit.harness.call('club', ClubStudentService, 'getRecruitmentInformWithUuid', {
      UUID: ADMIN,
      RecruitmentUUID: uuid,
    });
  const currentOf = (clubUuid: string) =>
    kit.harness.call('club', ClubStudentService, 'getRecruitmentUuidWithClubUuid', { UUID: ADMIN, ClubUUID: clubUuid });
  const modify = (request: object) =>
    kit.harness.call('club', ClubLeaderService, 'modifyRecruitment', { UUID: ADMIN, ...request });
  const remove = (uuid: string, caller: string = ADMIN) =>
    kit.harness.call('club', ClubLeaderService, 'deleteRecruitmentWithUuid', { UUID: caller, RecruitmentUUID: uuid });

  describe('RegisterRecruitment', () => {
    it('creates a recruitment (201): recruitment- + 12 digits, StartPeriod = today, members as strings', async () => {
      const { clubUuid, reply } = await register({ EndPeriod: '2026-12-31' });
      expect(reply).toMatchObject({ Status: 201, Code: 0 });
      expect(reply.RecruitmentUUID).toMatch(/^recruitment-\d{12}$/);
      expect(reply.RecruitmentUUID).toHaveLength(24);
      expect(await readRecruitment(reply.RecruitmentUUID)).toMatchObject({
        Status: 200,
        ClubUUID: clubUuid,
        RecruitConcept: 'we recruit',
        RecruitMembers: MEMBERS,
        StartPeriod: '2026-11-25',
        EndPeriod: '2026-12-31',
      });
      expect(await currentOf(clubUuid)).toMatchObject({ Status: 200, RecruitmentUUID: reply.RecruitmentUUID });
    });

    it('uses the clock for StartPeriod and allows an open-ended recruitment', async () => {
      kit.harness.clock.set(Date.parse('2027-03-01T12:00:00Z'));
      const { reply } = await register();
      expect(await readRecruitment(reply.RecruitmentUUID)).toMatchObject({
        StartPeriod: '2027-03-01',
        EndPeriod: '',
      });
    });

    it("lets the club's leader register", async () => {
      const { clubUuid, leader } = await kit.createClub();
      const reply = await kit.harness.call('club', ClubLeaderService, 'registerRecruitment', {
        UUID: leader,
        ClubUUID: clubUuid,
        RecruitConcept: 'c',
        RecruitMembers: MEMBERS,
      });
      expect(reply.Status).toBe(201);
    });

    it('honours the RecruitmentUUID metadata that forces the minted id', async () => {
      const forced = `recruitment-${digits12()}`;
      const { reply } = await register({}, metadataWith({ recruitmentuuid: forced }));
      expect(reply).toMatchObject({ Status: 201, RecruitmentUUID: forced });
    });

    it('normalises an out-of-range day like Go time.Date (2026-11-31 → 2026-12-01)', async () => {
      const { reply } = await register({ EndPeriod: '2026-11-31' });
      expect((await readRecruitment(reply.RecruitmentUUID)).EndPeriod).toBe('2026-12-01');
    });

    it('answers 409 −2001 while the club has a current recruitment (demo DMS)', async () => {
      const { reply } = await register({ ClubUUID: DMS_CLUB });
      expect(reply).toMatchObject({ Status: 409, Code: -2001, RecruitmentUUID: '' });
    });

    it('answers 409 −2002 for an end date before today; today itself is allowed', async () => {
      expect((await register({ EndPeriod: '2026-11-24' })).reply).toMatchObject({ Status: 409, Code: -2002 });
      expect((await register({ EndPeriod: '2026-11-25' })).reply).toMatchObject({ Status: 201 });
    });

    it.each(['2026/12/01', '2026-12-1', '26-12-01', '2026-12-01-01', 'soon', '2026-ab-01'])(
      'answers 407 for end_period %p',
      async (endPeriod) => {
        const { reply } = await register({ EndPeriod: endPeriod });
        expect(reply).toMatchObject({ Status: 407, Code: 0 });
        expect(reply.Message).toBe('proxy auth required (reason: invalid EndPeriod value)');
      },
    );

    it.each<[string, Partial<RegisterRecruitmentRequest>]>([
      ['empty members', { RecruitMembers: [] }],
      ['empty concept', { RecruitConcept: '' }],
      ['concept over 40', { RecruitConcept: 'c'.repeat(41) }],
      ['grade 4', { RecruitMembers: [{ Grade: '4', Field: 'f', Number: '1' }] }],
      ['number 21', { RecruitMembers: [{ Grade: '1', Field: 'f', Number: '21' }] }],
      ['number 0', { RecruitMembers: [{ Grade: '1', Field: 'f', Number: '0' }] }],
      ['empty member field', { RecruitMembers: [{ Grade: '1', Field: '', Number: '1' }] }],
    ])('answers 407 for %s', async (_name, overrides) => {
      const { clubUuid, reply } = await register(overrides);
      expect(reply).toMatchObject({ Status: 407, Code: 0, RecruitmentUUID: '' });
      expect(await currentOf(clubUuid)).toMatchObject({ Status: 409, Code: -1601 });
    });
  });

  describe('ModifyRecruitment', () => {
    it('changes the concept and replaces all members when members are sent', async () => {
      const { reply } = await register();
      const uuid = reply.RecruitmentUUID;
      const next = [{ Grade: '2', Field: 'ai', Number: '5' }];
      expect(await modify({ RecruitmentUUID: uuid, RecruitConcept: 'new', RecruitMembers: next })).toMatchObject({
        Status: 200,
        Code: 0,
      });
      expect(await readRecruitment(uuid)).toMatchObject({ RecruitConcept: 'new', RecruitMembers: next });
    });

    it('keeps the members when none are sent and the concept when it is empty', async () => {
      const { reply } = await register();
      const uuid = reply.RecruitmentUUID;
      expect(await modify({ RecruitmentUUID: uuid, RecruitConcept: 'only concept' })).toMatchObject({ Status: 200 });
      expect(await modify({ RecruitmentUUID: uuid, RecruitConcept: '', RecruitMembers: [] })).toMatchObject({
        Status: 200,
      });
      expect(await readRecruitment(uuid)).toMatchObject({ RecruitConcept: 'only concept', RecruitMembers: MEMBERS });
    });

    it('answers 404 −1724 for an unknown recruitment', async () => {
      expect(await modify({ RecruitmentUUID: 'recruitment-999999999999', RecruitConcept: 'x' })).toMatchObject({
        Status: 404,
        Code: -1724,
      });
    });

    it.each([
      ['concept over 40', { RecruitConcept: 'c'.repeat(41) }],
      ['invalid member', { RecruitMembers: [{ Grade: '0', Field: 'f', Number: '1' }] }],
    ])('answers 407 for %s and changes nothing', async (_name, fields) => {
      const { reply } = await register();
      expect(await modify({ RecruitmentUUID: reply.RecruitmentUUID, ...fields })).toMatchObject({ Status: 407 });
      expect(await readRecruitment(reply.RecruitmentUUID)).toMatchObject({
        RecruitConcept: 'we recruit',
        RecruitMembers: MEMBERS,
      });
    });

    it('answers 403 −1712 to a student who does not lead the club', async () => {
      const { reply } = await register();
      expect(await modify({ UUID: STUDENT1, RecruitmentUUID: reply.RecruitmentUUID })).toMatchObject({
        Status: 403,
        Code: -1712,
      });
    });
  });

  describe('DeleteRecruitmentWithUUID', () => {
    it('deletes a current recruitment (200); then it is gone (404 −1724)', async () => {
      const { clubUuid, reply } = await register();
      expect(await remove(reply.RecruitmentUUID)).toMatchObject({ Status: 200, Code: 0 });
      expect(await remove(reply.RecruitmentUUID)).toMatchObject({ Status: 404, Code: -1724 });
      expect(await currentOf(clubUuid)).toMatchObject({ Status: 409, Code: -1601 });
      expect((await readRecruitment(reply.RecruitmentUUID)).Status).toBe(404);
    });

    it('lets the DMS leader delete the demo recruitment, after which DMS can be deleted', async () => {
      expect(await remove(DMS_RECRUITMENT, STUDENT1)).toMatchObject({ Status: 200 });
      expect(
        await kit.harness.call('club', ClubLeaderService, 'deleteClubWithUuid', { UUID: STUDENT1, ClubUUID: DMS_CLUB }),
      ).toMatchObject({ Status: 200 });
    });
  });

  describe('the current-recruitment rule across the day boundary', () => {
    it('a recruitment ending on 2026-11-25 is current until 2026-11-26T00:00Z, then it is past', async () => {
      const { clubUuid, reply } = await register({ EndPeriod: '2026-11-25' });
      const uuid = reply.RecruitmentUUID;

      kit.harness.clock.set(Date.parse('2026-11-25T23:59:59.999Z'));
      expect(await currentOf(clubUuid)).toMatchObject({ Status: 200, RecruitmentUUID: uuid });
      kit.harness.clock.set(Date.parse('2026-11-26T00:00:00.000Z'));
      expect(await currentOf(clubUuid)).toMatchObject({ Status: 200, RecruitmentUUID: uuid });

      kit.harness.clock.set(Date.parse('2026-11-26T00:00:00.001Z'));
      expect(await currentOf(clubUuid)).toMatchObject({ Status: 409, Code: -1601 });
      // Past recruitments can no longer be modified or deleted, but still be read by uuid.
      expect(await modify({ RecruitmentUUID: uuid, RecruitConcept: 'late' })).toMatchObject({
        Status: 404,
        Code: -1724,
      });
      expect(await remove(uuid)).toMatchObject({ Status: 404, Code: -1724 });
      expect(await readRecruitment(uuid)).toMatchObject({ Status: 200, EndPeriod: '2026-11-25' });
      // The club may register a new one and may be deleted again.
      expect((await register({ ClubUUID: clubUuid })).reply.Status).toBe(201);
    });

    it('a past recruitment does not block deleting its club', async () => {
      const { clubUuid } = await register({ EndPeriod: '2026-11-25' });
      const deleteClub = () =>
        kit.harness.call('club', ClubLeaderService, 'deleteClubWithUuid', { UUID: ADMIN, ClubUUID: clubUuid });
      expect(await deleteClub()).toMatchObject({ Status: 409, Code: -1901 });
      kit.harness.clock.set(Date.parse('2026-11-27T00:00:00Z'));
      expect(await deleteClub()).toMatchObject({ Status: 200 });
    });
  });
});
