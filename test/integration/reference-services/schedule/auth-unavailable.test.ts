import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import {
  GetTimeTablesResponse,
  GetTimeTableResponse,
  ScheduleServiceService,
} from '../../../../grpc-clients/generated/schedule/schedule';
import { createLogger } from '../../../../core/logger';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { createManualClock } from '../../../../reference-services/shared/clock';
import {
  startReferenceServices,
  type RunningReferenceServices,
} from '../../../../reference-services/start-reference-services';
import { legacyMetadata } from '../../../helpers/reference-services';

type Method = 'getTimeTable' | 'getTimeTables';

// The harness always wires every peer; here the services start with a resolver that knows no auth instance,
// as when the legacy service found no passing auth node in Consul.
describe('schedule reference service: auth unavailable', () => {
  let services: RunningReferenceServices;
  let client: Client;
  beforeAll(async () => {
    services = await startReferenceServices({
      logger: createLogger({ name: 'schedule-auth-unavailable-test', level: 'silent' }),
      clock: createManualClock(Date.parse('2026-11-25T01:00:00Z')),
      peerResolver: (local) => (service) => (service === 'auth' ? undefined : local[service]),
    });
    client = new Client(services.addresses.schedule, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await services.close();
  });

  const call = (method: Method, request: Record<string, unknown>) => {
    const def = ScheduleServiceService[method];
    const full = { ...def.requestDeserialize(Buffer.alloc(0)), ...request };
    return new Promise<GetTimeTableResponse | GetTimeTablesResponse>((resolve, reject) =>
      client.makeUnaryRequest(
        def.path,
        (value: typeof full) => def.requestSerialize(value as never),
        def.responseDeserialize,
        full,
        legacyMetadata(),
        { deadline: Date.now() + 10_000 },
        (error: ServiceError | null, response?: GetTimeTableResponse | GetTimeTablesResponse) =>
          error ? reject(error) : resolve(response as GetTimeTableResponse),
      ),
    );
  };

  it.each<[Method, Record<string, unknown>]>([
    ['getTimeTables', { uuid: DEMO_ACCOUNTS.student1.uuid, year: 2026, month: 11, day: 25, count: 2 }],
    ['getTimeTable', { uuid: DEMO_ACCOUNTS.student1.uuid, year: 2026, month: 11, day: 25 }],
  ])('%s answers 503 code 0 when auth has no instance', async (method, request) => {
    await expect(call(method, request)).resolves.toMatchObject({ status: 503, code: 0, msg: 'Service Unavailable' });
  });

  it('the role check still comes first: a teacher gets 401 without asking auth', async () => {
    const reply = await call('getTimeTables', {
      uuid: DEMO_ACCOUNTS.teacher1.uuid,
      year: 2026,
      month: 11,
      day: 25,
      count: 1,
    });
    expect(reply).toMatchObject({ status: 401, code: 0, msg: 'UnAuthorized' });
  });

  it('calendar RPCs do not need auth', async () => {
    const def = ScheduleServiceService.createSchedule;
    const reply = await new Promise((resolve, reject) =>
      client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        { uuid: DEMO_ACCOUNTS.teacher1.uuid, startDate: 1_800_000_000, endDate: 1_800_000_000, detail: '행사' },
        legacyMetadata(),
        (error: ServiceError | null, response?: unknown) => (error ? reject(error) : resolve(response)),
      ),
    );
    expect(reply).toMatchObject({ status: 201, code: 0 });
  });
});
