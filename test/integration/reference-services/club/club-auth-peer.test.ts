/**
 * club → auth transport failures (legacy-api.md §1.6 routes 29 and 42: 503/408/500 from the auth call) and auth
 * replies the club service does not expect.
 */
import { ClubAdminService } from '../../../../grpc-clients/generated/club/club-admin';
import { ClubLeaderService } from '../../../../grpc-clients/generated/club/club-leader';
import { ADMIN, DMS_CLUB, STUDENT1, newStudentUuid, startClubKit, type ClubKit } from './club-test-kit';

describe('club reference service: auth peer failures', () => {
  let kit: ClubKit;
  beforeAll(async () => {
    kit = await startClubKit();
  });
  afterAll(() => kit.close());
  afterEach(() => {
    kit.authTarget.address = kit.auth.address;
    kit.auth.mode = 'normal';
    kit.auth.forcedStatus = undefined;
  });

  const createClub = () => {
    const leader = newStudentUuid();
    kit.auth.students.add(leader);
    return kit.harness.call('club', ClubAdminService, 'createNewClub', {
      UUID: ADMIN,
      Name: `peer ${leader}`.slice(0, 30),
      LeaderUUID: leader,
      MemberUUIDs: [leader],
      Field: 'f',
      Location: leader.slice(-12),
      Floor: '2',
      Logo: Buffer.from('x'),
    });
  };
  const addMember = () => {
    const student = newStudentUuid();
    kit.auth.students.add(student);
    return kit.harness.call('club', ClubLeaderService, 'addClubMember', {
      UUID: STUDENT1,
      ClubUUID: DMS_CLUB,
      StudentUUID: student,
    });
  };
  const calls = [
    ['CreateNewClub', createClub],
    ['AddClubMember', addMember],
  ] as const;

  describe.each(calls)('%s', (_rpc, call) => {
    it('answers 503 when auth has no instance', async () => {
      kit.authTarget.address = undefined;
      const reply = await call();
      expect(reply).toMatchObject({ Status: 503, Code: 0 });
      expect(reply.Message).toBe(
        'service unavailable (reason: there is no available server, name: DMS.SMS.v1.service.auth)',
      );
    });

    it('answers 503 when the auth address refuses connections', async () => {
      kit.authTarget.address = '127.0.0.1:1';
      expect(await call()).toMatchObject({ Status: 503, Code: 0 });
    });

    it('answers 500 with the Go message on another gRPC error', async () => {
      kit.auth.mode = 'grpc-error';
      const reply = await call();
      expect(reply).toMatchObject({ Status: 500, Code: 0 });
      expect(reply.Message).toBe('internal server error (reason: auth exploded)');
    });

    it('answers 408 when auth does not answer in time', async () => {
      kit.auth.mode = 'hang';
      const reply = await call();
      expect(reply).toMatchObject({ Status: 408, Code: 0 });
      expect(reply.Message).toMatch(/^request time out \(reason: /);
    }, 15_000);

    it("passes an unexpected auth status through with auth's message", async () => {
      kit.auth.forcedStatus = { Status: 403, Code: 0, Message: 'forbidden (reason: nope)' };
      const reply = await call();
      expect(reply).toMatchObject({ Status: 403, Code: 0 });
      expect(reply.Message).toContain('unexpected status returned, message: forbidden (reason: nope)');
    });
  });

  it('CreateNewClub answers 500 when auth answers 409 with a code other than −601', async () => {
    kit.auth.forcedStatus = { Status: 409, Code: -999, Message: 'conflict' };
    const reply = await createClub();
    expect(reply).toMatchObject({ Status: 500, Code: 0 });
    expect(reply.Message).toBe('internal server error (reason: auth service returns unexpected code, code: -999)');
  });
});
