import {
  Client,
  Server,
  ServerCredentials,
  credentials,
  type Metadata,
  type ServiceError,
  type handleUnaryCall,
} from '@grpc/grpc-js';
import {
  AuthStudentService,
  GetStudentInformWithUUIDResponse,
  type GetStudentInformWithUUIDRequest,
} from '../../../../grpc-clients/generated/auth/auth-student';
import {
  ScheduleServiceService,
  type GetTimeTablesResponse,
} from '../../../../grpc-clients/generated/schedule/schedule';
import { createLogger } from '../../../../core/logger';
import { createSeededTimetableSource } from '../../../../reference-services/adapters/timetable-source';
import { createManualClock } from '../../../../reference-services/shared/clock';
import { PEER_CALL_TIMEOUT_MS } from '../../../../reference-services/shared/peer-clients';
import {
  startReferenceServices,
  type RunningReferenceServices,
} from '../../../../reference-services/start-reference-services';
import { legacyMetadata } from '../../../helpers/reference-services';

const KNOWN = 'student-000000000077';
const SLOW = 'student-000000000088';

/**
 * A fake auth (from the generated contract) in place of the reference auth service, so this file pins what the
 * schedule service sends to auth and how it reads the reply, independently of the auth implementation.
 */
function startFakeAuth() {
  const seen: Array<{ request: GetStudentInformWithUUIDRequest; metadata: Metadata }> = [];
  const getStudentInformWithUuid: handleUnaryCall<GetStudentInformWithUUIDRequest, GetStudentInformWithUUIDResponse> = (
    call,
    callback,
  ) => {
    seen.push({ request: call.request, metadata: call.metadata });
    const base = GetStudentInformWithUUIDResponse.fromPartial({});
    if (call.request.StudentUUID === KNOWN) {
      callback(null, { ...base, Status: 200, Grade: 3, Group: 4, StudentNumber: 9, Name: '테스트' });
    } else if (call.request.StudentUUID === SLOW) {
      setTimeout(() => callback(null, { ...base, Status: 200, Grade: 1, Group: 1 }), PEER_CALL_TIMEOUT_MS + 500);
    } else {
      callback(null, { ...base, Status: 404, Message: 'not found (reason: no student)' });
    }
  };
  const server = new Server();
  server.addService(AuthStudentService, { getStudentInformWithUuid });
  return new Promise<{ server: Server; address: string; seen: typeof seen }>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve({ server, address: `127.0.0.1:${port}`, seen }),
    ),
  );
}

describe('schedule reference service: the auth lookup behind the timetable', () => {
  let fakeAuth: Awaited<ReturnType<typeof startFakeAuth>>;
  let services: RunningReferenceServices;
  let client: Client;
  beforeAll(async () => {
    fakeAuth = await startFakeAuth();
    services = await startReferenceServices({
      logger: createLogger({ name: 'schedule-auth-peer-test', level: 'silent' }),
      clock: createManualClock(Date.parse('2026-11-25T01:00:00Z')),
      peerResolver: (local) => (service) => (service === 'auth' ? fakeAuth.address : local[service]),
    });
    client = new Client(services.addresses.schedule, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await services.close();
    fakeAuth.server.forceShutdown();
  });

  const timetables = (uuid: string, metadata = legacyMetadata()) => {
    const def = ScheduleServiceService.getTimeTables;
    return new Promise<GetTimeTablesResponse>((resolve, reject) =>
      client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        { uuid, year: 2026, month: 12, day: 7, count: 1 },
        metadata,
        { deadline: Date.now() + 10_000 },
        (error: ServiceError | null, response?: GetTimeTablesResponse) =>
          error ? reject(error) : resolve(response as GetTimeTablesResponse),
      ),
    );
  };

  it("asks auth with the student's own uuid as UUID and StudentUUID, forwarding the tracing metadata", async () => {
    const metadata = legacyMetadata({ requestId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
    await timetables(KNOWN, metadata);
    const last = fakeAuth.seen.at(-1);
    expect(last?.request).toEqual({ UUID: KNOWN, StudentUUID: KNOWN });
    expect(last?.metadata.get('x-request-id')).toEqual(['1b4e28ba-2fa1-11d2-883f-0016d3cca427']);
    expect(last?.metadata.get('span-context')).toEqual(metadata.get('span-context'));
  });

  it('reads the timetable of the grade and class auth answers (grade 3 class 4)', async () => {
    const subjects = (await createSeededTimetableSource().fetch(3, 4, '2026-12-07', '2026-12-07')).get('2026-12-07');
    const reply = await timetables(KNOWN);
    expect(reply.status).toBe(200);
    expect(reply.timeTable[0]?.time1).toBe(subjects?.[0]);
    expect(reply.timeTable[0]?.time7).toBe(subjects?.[6] ?? '');
  });

  it("ignores auth's status like the Java mapper: an unknown student is grade 0 class 0 → 404", async () => {
    await expect(timetables('student-000000000055')).resolves.toEqual({
      status: 404,
      code: 0,
      msg: 'Not Found',
      timeTable: [],
    });
  });

  it('answers 503 when auth does not answer in time', async () => {
    await expect(timetables(SLOW)).resolves.toMatchObject({ status: 503, code: 0, msg: 'Service Unavailable' });
  });
});
