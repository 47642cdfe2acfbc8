import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';

/**
 * A client that knows nothing of this project's generated code: it loads the .proto files at run time with
 * @grpc/proto-loader, as any grpc client of the legacy contracts would, and calls the reference services.
 */
const PROTO_FILES = [
  'auth/auth-student.proto',
  'club/club-student.proto',
  'outing/outing-student.proto',
  'schedule/schedule.proto',
  'announcement/announcement.proto',
];

type UnaryMethod = (
  request: object,
  metadata: grpc.Metadata,
  callback: (error: grpc.ServiceError | null, response: Record<string, unknown>) => void,
) => void;

describe('a client built only from the legacy .proto files', () => {
  let harness: ReferenceHarness;
  let root: grpc.GrpcObject;

  beforeAll(async () => {
    harness = await startReferenceHarness();
    const definition = await protoLoader.load(PROTO_FILES, {
      includeDirs: [resolve(__dirname, '../../../protos')],
      keepCase: true,
      longs: Number,
      defaults: true,
    });
    root = grpc.loadPackageDefinition(definition);
  });
  afterAll(() => harness.close());

  const call = (service: string, address: string, method: string, request: object) => {
    const ServiceClient = service.split('.').reduce<unknown>((node, key) => (node as grpc.GrpcObject)[key], root) as
      grpc.ServiceClientConstructor | undefined;
    if (!ServiceClient) throw new Error(`no service ${service} in the loaded protos`);
    const client = new ServiceClient(address, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('x-request-id', randomUUID());
    metadata.set('span-context', '4bf92f3577b34da6:00f067aa0ba902b7:0:1');
    return new Promise<Record<string, unknown>>((done, fail) => {
      (client[method] as UnaryMethod).call(client, request, metadata, (error, response) => {
        client.close();
        if (error) fail(error);
        else done(response);
      });
    });
  };

  it('logs a student in through auth.student.AuthStudent', async () => {
    const reply = await call('auth.student.AuthStudent', harness.services.addresses.auth, 'LoginStudentAuth', {
      StudentID: 'student1',
      StudentPW: 'student1234',
    });
    expect(reply).toMatchObject({ Status: 200, Code: 0, LoggedInStudentUUID: 'student-000000000001' });
  });

  it('lists clubs through club.admin.ClubStudent (the package quirk)', async () => {
    const reply = await call('club.admin.ClubStudent', harness.services.addresses.club, 'GetClubsSortByUpdateTime', {
      UUID: 'student-000000000001',
      Start: 0,
      Count: 10,
    });
    expect(reply.Status).toBe(200);
    expect((reply.Informs as Array<{ Name: string }>).map((c) => c.Name)).toEqual(expect.arrayContaining(['DMS']));
  });

  it('reads outings through the package-less OutingStudent service', async () => {
    const reply = await call('OutingStudent', harness.services.addresses.outing, 'GetStudentOutings', {
      uuid: 'student-000000000001',
      student_id: 'student-000000000001',
      start: 0,
      count: 10,
    });
    expect(reply.status).toBe(200);
    expect((reply.outing as unknown[]).length).toBeGreaterThan(0);
  });

  it('reads the calendar through schedule.ScheduleService', async () => {
    const reply = await call('schedule.ScheduleService', harness.services.addresses.schedule, 'GetSchedule', {
      uuid: 'student-000000000001',
      year: 2026,
      month: 11,
    });
    expect(reply).toMatchObject({ status: 200 });
    expect((reply.schedule as unknown[]).length).toBe(2);
  });

  it('lists announcements through announcement.AnnouncementService', async () => {
    const reply = await call(
      'announcement.AnnouncementService',
      harness.services.addresses.announcement,
      'GetAnnouncements',
      { uuid: 'teacher-000000000001', type: 'school', start: 0, count: 10 },
    );
    expect(reply).toMatchObject({ status: 200, size: 3 });
  });
});
