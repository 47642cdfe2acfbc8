import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import { createLogger } from '../../../../core/logger';
import { OutingEventService } from '../../../../grpc-clients/generated/outing/outing-event';
import { OutingParentsService } from '../../../../grpc-clients/generated/outing/outing-parents';
import { OutingStudentService } from '../../../../grpc-clients/generated/outing/outing-student';
import { OutingTeacherService } from '../../../../grpc-clients/generated/outing/outing-teacher';
import { createManualClock } from '../../../../reference-services/shared/clock';
import {
  startReferenceServices,
  type RunningReferenceServices,
} from '../../../../reference-services/start-reference-services';
import { legacyMetadata, startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { SEEDED, SEEDED_CONFIRM_CODE, STUDENT1, TEACHER1 } from './outing-test-kit';

/** One call per RPC, each with a request that would otherwise succeed or fail on business rules. */
const EVERY_RPC = [
  ['OutingStudent', OutingStudentService, 'createOuting', { uuid: STUDENT1 }],
  ['OutingStudent', OutingStudentService, 'getStudentOutings', { uuid: STUDENT1, studentId: STUDENT1 }],
  ['OutingStudent', OutingStudentService, 'getOutingInform', { uuid: STUDENT1, outingId: SEEDED['2'] }],
  ['OutingStudent', OutingStudentService, 'getCardAboutOuting', { uuid: STUDENT1, outingId: SEEDED['2'] }],
  ['OutingStudent', OutingStudentService, 'startGoOut', { uuid: STUDENT1, outingId: SEEDED['2'] }],
  ['OutingStudent', OutingStudentService, 'finishGoOut', { uuid: TEACHER1, outingId: SEEDED['3'] }],
  ['OutingTeacher', OutingTeacherService, 'getOutingWithFilter', { uuid: TEACHER1 }],
  ['OutingTeacher', OutingTeacherService, 'approveOuting', { uuid: TEACHER1, outingId: SEEDED['1'] }],
  ['OutingTeacher', OutingTeacherService, 'rejectOuting', { uuid: TEACHER1, outingId: SEEDED['1'] }],
  ['OutingTeacher', OutingTeacherService, 'certifyOuting', { uuid: TEACHER1, outingId: SEEDED['4'] }],
  ['OutingTeacher', OutingTeacherService, 'modifyOuting', { uuid: TEACHER1, outingId: SEEDED['1'], endTime: 1 }],
  ['OutingParents', OutingParentsService, 'approveOutingByOCode', { confirmCode: SEEDED_CONFIRM_CODE }],
  ['OutingParents', OutingParentsService, 'rejectOutingByOCode', { confirmCode: SEEDED_CONFIRM_CODE }],
  ['OutingParents', OutingParentsService, 'getOutingByOCode', { confirmCode: SEEDED_CONFIRM_CODE }],
] as const;

type AnyReply = { status: number; code: number; msg: string };

describe('outing reference service: metadata', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const callWith = (definition: object, method: string, request: object, metadata = legacyMetadata()) =>
    (harness.call as (...args: unknown[]) => Promise<AnyReply>)('outing', definition, method, request, metadata);

  it.each([
    ['missing x-request-id', { requestId: null }, -402],
    ['malformed x-request-id', { requestId: 'not-a-uuid' }, -402],
    ['missing span-context', { spanContext: null }, -401],
    ['malformed span-context', { spanContext: 'nonsense' }, -401],
  ] as const)('%s → 407 %i on every RPC, before any business rule', async (_case, overrides, code) => {
    for (const [, definition, method, request] of EVERY_RPC) {
      const reply = await callWith(definition, method, request, legacyMetadata(overrides));
      expect({ method, status: reply.status, code: reply.code }).toEqual({ method, status: 407, code });
    }
    // Nothing changed: the confirm code still works and nothing was sent.
    expect(harness.adapters.sms.sent).toEqual([]);
    await expect(
      harness.call('outing', OutingParentsService, 'getOutingByOCode', { confirmCode: SEEDED_CONFIRM_CODE }),
    ).resolves.toMatchObject({ status: 200, outingId: SEEDED['0'] });
  });

  it('is served at the package-less legacy paths', () => {
    expect(OutingStudentService.createOuting.path).toBe('/OutingStudent/CreateOuting');
    expect(OutingTeacherService.getOutingWithFilter.path).toBe('/OutingTeacher/GetOutingWithFilter');
    expect(OutingParentsService.getOutingByOCode.path).toBe('/OutingParents/GetOutingByOCode');
  });

  it('answers ChangeAllServiceNodes', async () => {
    await expect(harness.call('outing', OutingEventService, 'changeAllServiceNodes', {})).resolves.toEqual({});
  });
});

// The harness always wires every peer; here the services start with a resolver that knows no auth instance.
describe('outing reference service: auth unavailable', () => {
  let services: RunningReferenceServices;
  let client: Client;
  beforeAll(async () => {
    services = await startReferenceServices({
      logger: createLogger({ name: 'outing-auth-unavailable-test', level: 'silent' }),
      clock: createManualClock(Date.parse('2026-11-25T01:00:00Z')),
      peerResolver: (local) => (service) => (service === 'auth' ? undefined : local[service]),
    });
    client = new Client(services.addresses.outing, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await services.close();
  });

  const call = (definition: Record<string, unknown>, method: string, request: object) => {
    const def = definition[method] as (typeof OutingStudentService)['createOuting'];
    const full = { ...def.requestDeserialize(Buffer.alloc(0)), ...request };
    return new Promise<AnyReply>((resolve, reject) =>
      client.makeUnaryRequest(
        def.path,
        (value: typeof full) => def.requestSerialize(value),
        (bytes: Buffer) => def.responseDeserialize(bytes) as unknown as AnyReply,
        full,
        legacyMetadata(),
        { deadline: Date.now() + 10_000 },
        (error: ServiceError | null, response?: AnyReply) => (error ? reject(error) : resolve(response as AnyReply)),
      ),
    );
  };

  it.each(EVERY_RPC.filter(([service]) => service !== 'OutingParents'))(
    '%s.%s answers 500 code 0 with the exception text when auth cannot be reached',
    async (_service, definition, method, request) => {
      const reply = await call(definition as unknown as Record<string, unknown>, method, request);
      expect(reply).toMatchObject({ status: 500, code: 0, msg: 'no available instance of auth' });
    },
  );

  it('parent decisions need no account check: the state changes, then the student lookup fails with 500', async () => {
    const reply = await call(OutingParentsService as unknown as Record<string, unknown>, 'approveOutingByOCode', {
      confirmCode: SEEDED_CONFIRM_CODE,
    });
    expect(reply).toMatchObject({ status: 500, code: 0 });
    const again = await call(OutingParentsService as unknown as Record<string, unknown>, 'approveOutingByOCode', {
      confirmCode: SEEDED_CONFIRM_CODE,
    });
    expect(again).toMatchObject({ status: 404, code: -2301 });
  });
});
