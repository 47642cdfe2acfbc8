import { ClubAdminService, type CreateNewClubRequest } from '../../../../grpc-clients/generated/club/club-admin';
import { ClubStudentService } from '../../../../grpc-clients/generated/club/club-student';
import { legacyMetadata } from '../../../helpers/reference-services';
import {
  ADMIN,
  PARENT,
  STUDENT1,
  STUDENT3,
  TEACHER,
  digits12,
  metadataWith,
  newStudentUuid,
  startClubKit,
  type ClubKit,
} from './club-test-kit';

describe('club reference service: ClubAdmin.CreateNewClub', () => {
  let kit: ClubKit;
  beforeAll(async () => {
    kit = await startClubKit();
  });
  afterAll(() => kit.close());

  /** A valid request with fresh students known to auth; overrides win. */
  const request = (overrides: Partial<CreateNewClubRequest> = {}): Partial<CreateNewClubRequest> => {
    const leader = newStudentUuid();
    const member = newStudentUuid();
    kit.auth.students.add(leader);
    kit.auth.students.add(member);
    const tag = digits12();
    return {
      UUID: ADMIN,
      Name: `Club ${tag}`,
      LeaderUUID: leader,
      MemberUUIDs: [leader, member],
      Field: '개발',
      Location: `Room ${tag.slice(0, 8)}`,
      Floor: '3',
      Logo: Buffer.from('png-bytes'),
      ...overrides,
    };
  };
  const create = (req: Partial<CreateNewClubRequest>, metadata = legacyMetadata()) =>
    kit.harness.call('club', ClubAdminService, 'createNewClub', req, metadata);

  it('creates a club (201), mints club- + 12 digits, stores the logo at logos/<uuid>', async () => {
    const req = request();
    const reply = await create(req);
    expect(reply).toMatchObject({ Status: 201, Code: 0 });
    expect(reply.ClubUUID).toMatch(/^club-\d{12}$/);
    expect(reply.ClubUUID).toHaveLength(17);
    expect((kit.harness.adapters.objectStore as unknown as { keys(): string[] }).keys()).toContain(
      `logos/${reply.ClubUUID}`,
    );

    const inform = await kit.harness.call('club', ClubStudentService, 'getClubInformWithUuid', {
      UUID: STUDENT1,
      ClubUUID: reply.ClubUUID,
    });
    expect(inform).toMatchObject({
      Status: 200,
      ClubUUID: reply.ClubUUID,
      LeaderUUID: req.LeaderUUID,
      MemberUUIDs: req.MemberUUIDs,
      Name: req.Name,
      Field: '개발',
      Location: req.Location,
      Floor: '3',
      LogoURI: `logos/${reply.ClubUUID}`,
      ClubConcept: '',
      Introduction: '',
      Link: '',
    });
  });

  it('asks auth about the members with the caller uuid and forwards the request id', async () => {
    const req = request();
    const metadata = legacyMetadata();
    await create(req, metadata);
    const last = kit.auth.received.at(-1);
    expect(last?.method).toBe('GetStudentInformsWithUUIDs');
    expect(last?.request).toMatchObject({ UUID: ADMIN, StudentUUIDs: req.MemberUUIDs });
    expect(last?.metadata.get('x-request-id')[0]).toBe(metadata.get('x-request-id')[0]);
  });

  it('honours the ClubUUID metadata that forces the minted id', async () => {
    const forced = `club-${digits12()}`;
    const reply = await create(request(), metadataWith({ clubuuid: forced }));
    expect(reply).toMatchObject({ Status: 201, ClubUUID: forced });
    // Taken: a random id is minted instead.
    const again = await create(request(), metadataWith({ clubuuid: forced }));
    expect(again.Status).toBe(201);
    expect(again.ClubUUID).not.toBe(forced);
    expect(again.ClubUUID).toMatch(/^club-\d{12}$/);
  });

  it('answers 407 when the forced ClubUUID is not a valid club id (model validation)', async () => {
    const reply = await create(request(), metadataWith({ clubuuid: 'club-12ab' }));
    expect(reply).toMatchObject({ Status: 407, ClubUUID: '' });
  });

  it.each([
    ['student', STUDENT1],
    ['teacher', TEACHER],
    ['parent', PARENT],
    ['empty', ''],
  ])('answers 403 (code 0) to a %s caller', async (_role, uuid) => {
    const reply = await create(request({ UUID: uuid }));
    expect(reply).toMatchObject({ Status: 403, Code: 0, ClubUUID: '' });
    expect(reply.Message).toBe('forbidden (reason: you are not admin)');
  });

  it('answers 409 −1501 when the members miss the leader', async () => {
    const req = request();
    const reply = await create({ ...req, MemberUUIDs: req.MemberUUIDs!.slice(1) });
    expect(reply).toMatchObject({ Status: 409, Code: -1501 });
    expect(reply.Message).toMatch(/^conflict \(reason: /);
  });

  it('answers 409 −1502 when auth does not know a member', async () => {
    const req = request();
    const unknown = newStudentUuid();
    const reply = await create({ ...req, MemberUUIDs: [...req.MemberUUIDs!, unknown] });
    expect(reply).toMatchObject({ Status: 409, Code: -1502 });
  });

  it('answers 409 −1503 when the leader already leads a club (demo student3 leads Entry)', async () => {
    const reply = await create(request({ LeaderUUID: STUDENT3, MemberUUIDs: [STUDENT3] }));
    expect(reply).toMatchObject({ Status: 409, Code: -1503 });
  });

  it('answers 409 −1504 for a taken name and −1505 for a taken location', async () => {
    expect(await create(request({ Name: 'DMS' }))).toMatchObject({ Status: 409, Code: -1504 });
    expect(await create(request({ Location: '2층 소프트웨어실' }))).toMatchObject({ Status: 409, Code: -1505 });
  });

  it('answers 409 −1506 for a duplicate member', async () => {
    const req = request();
    const reply = await create({ ...req, MemberUUIDs: [...req.MemberUUIDs!, req.LeaderUUID!] });
    expect(reply).toMatchObject({ Status: 409, Code: -1506 });
  });

  it.each<[string, Partial<CreateNewClubRequest>]>([
    ['empty logo', { Logo: Buffer.alloc(0) }],
    ['empty name', { Name: '' }],
    ['name over 30 characters', { Name: '가'.repeat(31) }],
    ['field over 20 characters', { Field: 'f'.repeat(21) }],
    ['empty field', { Field: '' }],
    ['location over 20 characters', { Location: 'l'.repeat(21) }],
    ['floor 0', { Floor: '0' }],
    ['floor 6', { Floor: '6' }],
    ['non-numeric floor', { Floor: 'two' }],
  ])('answers 407 on model validation failure: %s', async (_name, overrides) => {
    const reply = await create(request(overrides));
    expect(reply).toMatchObject({ Status: 407, Code: 0, ClubUUID: '' });
    expect(reply.Message).toMatch(/^proxy auth required \(reason: /);
  });

  it('accepts the length limits exactly (name 30, field 20, location 20, floors 1 and 5)', async () => {
    expect(
      await create(request({ Name: `${digits12()}${'가'.repeat(18)}`, Field: 'f'.repeat(20), Floor: '1' })),
    ).toMatchObject({ Status: 201 });
    expect(await create(request({ Location: `${digits12()}${'l'.repeat(8)}`, Floor: '5' }))).toMatchObject({
      Status: 201,
    });
  });

  it('answers 407 for a leader uuid that is not a student uuid (model validation)', async () => {
    const leader = `teacher-${digits12()}`;
    kit.auth.students.add(leader);
    const reply = await create(request({ LeaderUUID: leader, MemberUUIDs: [leader] }));
    expect(reply).toMatchObject({ Status: 407 });
  });

  it.each([
    ['missing x-request-id', { requestId: null }],
    ['invalid x-request-id', { requestId: 'not-a-uuid' }],
    ['missing span-context', { spanContext: null }],
    ['invalid span-context', { spanContext: 'garbage' }],
  ])('rejects %s with 407 before anything else', async (_name, overrides) => {
    const before = kit.auth.received.length;
    const reply = await create(request(), legacyMetadata(overrides));
    expect(reply).toMatchObject({ Status: 407, Code: 0, ClubUUID: '' });
    expect(reply.Message).toMatch(/^proxy auth required \(reason: /);
    expect(kit.auth.received.length).toBe(before);
  });
});
