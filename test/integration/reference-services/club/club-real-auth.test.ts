/** club → the real auth reference service over gRPC, with the shared demo accounts (no fake auth). */
import { ClubAdminService } from '../../../../grpc-clients/generated/club/club-admin';
import { ClubLeaderService } from '../../../../grpc-clients/generated/club/club-leader';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN, DMS_CLUB, STUDENT1, STUDENT2, STUDENT3 } from './club-test-kit';

describe('club reference service with the auth reference service', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  it('CreateNewClub: 201 for demo students, 409 −1502 when a member is unknown to auth', async () => {
    const request = {
      UUID: ADMIN,
      Name: 'Robotics',
      LeaderUUID: STUDENT2,
      MemberUUIDs: [STUDENT2, STUDENT1],
      Field: '로봇',
      Location: '4층 로봇실',
      Floor: '4',
      Logo: Buffer.from('logo'),
    };
    const unknown = await harness.call('club', ClubAdminService, 'createNewClub', {
      ...request,
      MemberUUIDs: [...request.MemberUUIDs, 'student-999999999999'],
    });
    expect(unknown).toMatchObject({ Status: 409, Code: -1502 });
    const created = await harness.call('club', ClubAdminService, 'createNewClub', request);
    expect(created).toMatchObject({ Status: 201, Code: 0 });
    expect(created.ClubUUID).toMatch(/^club-\d{12}$/);
  });

  it('AddClubMember: 201 for a demo student, 404 −1722 for an unknown one', async () => {
    const add = (student: string) =>
      harness.call('club', ClubLeaderService, 'addClubMember', {
        UUID: STUDENT1,
        ClubUUID: DMS_CLUB,
        StudentUUID: student,
      });
    expect(await add(STUDENT3)).toMatchObject({ Status: 201 });
    expect(await add('student-999999999999')).toMatchObject({ Status: 404, Code: -1722 });
  });
});
