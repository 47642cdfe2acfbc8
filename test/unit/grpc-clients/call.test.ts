import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ErrorCode, UnavailableReason } from '../../../core/error-codes';
import { GatewayError } from '../../../core/errors';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { callUpstream, type CallDeps } from '../../../grpc-clients/call';
import {
  createLazyServiceClients,
  createRawServiceClients,
  createServiceClients,
} from '../../../grpc-clients/service-clients';
import type { ChannelPool } from '../../../grpc-clients/channel-pool';
import { OutingStudentService } from '../../../grpc-clients/generated/outing/outing-student';
import { BreakerOpenError, type InstanceBreakers } from '../../../resilience/instance-breakers';

/** One unary request as the fake channel saw it. */
interface SentCall {
  address: string;
  path: string;
  request: Record<string, unknown>;
  metadata: Metadata;
  deadline: number;
}

type Answer = { reply: unknown } | { error: Partial<ServiceError> };

/** Channels that answer as the test scripts, per address; nothing is dialled. */
function fakeChannels(answerOf: (address: string, call: SentCall) => Answer) {
  const sent: SentCall[] = [];
  const channels = {
    get: (address: string) => ({
      makeUnaryRequest(
        path: string,
        _serialize: unknown,
        _deserialize: unknown,
        request: Record<string, unknown>,
        metadata: Metadata,
        options: { deadline: number },
        callback: (error: Partial<ServiceError> | null, reply?: unknown) => void,
      ) {
        const call = { address, path, request, metadata, deadline: options.deadline };
        sent.push(call);
        const answer = answerOf(address, call);
        setImmediate(() => ('error' in answer ? callback(answer.error) : callback(null, answer.reply)));
      },
    }),
    release: () => {},
    close: () => {},
  } as unknown as ChannelPool;
  return { channels, sent };
}

/**
 * Breakers that pass every call through, except: `open` instances are skipped by the pick, `refusing` ones refuse
 * at run time (a half-open breaker whose one trial is already out). Records what each failure counted as.
 */
function fakeBreakers(options: { open?: string[]; refusing?: string[] } = {}) {
  const counted: boolean[] = [];
  const breakers: InstanceBreakers = {
    async run(service, instance, call, countsAsFailure) {
      if (options.refusing?.includes(instance.id)) throw new BreakerOpenError(service, instance);
      try {
        return await call();
      } catch (error) {
        counted.push(countsAsFailure(error));
        throw error;
      }
    },
    isOpen: (_service, id) => options.open?.includes(id) ?? false,
    openInstances: new Map([['outing', new Set(options.open)]]),
    stateOf: () => 'closed',
    release: () => {},
    close: () => {},
  };
  return { breakers, counted };
}

const A = '10.0.0.1:50053';
const B = '10.0.0.2:50053';
const C = '10.0.0.3:50053';
const REPLY = { status: 200, code: 0, msg: '', outing: [] };
const unavailable: Answer = { error: { code: status.UNAVAILABLE, details: 'connect ECONNREFUSED', message: '14' } };

function depsFor(addresses: string[], channels: ChannelPool, breakers: InstanceBreakers): CallDeps {
  return { registry: createStaticRegistry({ outing: addresses }), channels, breakers };
}

const context = (extra: { deadlineAt?: number } = {}) => ({
  callerUuid: 'student-000000000001',
  requestId: 'req-1',
  spanContext: 'trace:span:0:1',
  ...extra,
});

const read = (deps: CallDeps, ctx = context()) =>
  callUpstream(deps, 'outing', OutingStudentService, 'getStudentOutings', { studentId: 's-1' }, ctx);
const write = (deps: CallDeps) =>
  callUpstream(deps, 'outing', OutingStudentService, 'createOuting', { place: 'home' }, context());

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('callUpstream (the single call path)', () => {
  it('sends the full request with the caller uuid, request id and span context to one picked instance', async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const { breakers } = fakeBreakers();
    await expect(read(depsFor([A], channels, breakers))).resolves.toBe(REPLY);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('/OutingStudent/GetStudentOutings');
    // Every proto3 default is present, so a partial request encodes; the empty `uuid` is the caller's.
    expect(sent[0]?.request).toEqual({ uuid: 'student-000000000001', studentId: 's-1', start: 0, count: 0 });
    expect(sent[0]?.metadata.get('x-request-id')).toEqual(['req-1']);
    expect(sent[0]?.metadata.get('span-context')).toEqual(['trace:span:0:1']);
  });

  it('picks instances round robin and skips one whose breaker is open', async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const { breakers } = fakeBreakers({ open: [B] });
    const deps = depsFor([A, B, C], channels, breakers);
    for (let i = 0; i < 4; i += 1) await read(deps);
    expect(sent.map((call) => call.address)).toEqual([A, C, A, C]);
  });

  it('retries a read that could not reach its instance (UNAVAILABLE) once, on another instance', async () => {
    const { channels, sent } = fakeChannels((address) => (address === A ? unavailable : { reply: REPLY }));
    const { breakers } = fakeBreakers();
    await expect(read(depsFor([A, B], channels, breakers))).resolves.toBe(REPLY);
    expect(sent.map((call) => call.address)).toEqual([A, B]);
  });

  it('tries a read at most twice, even with more instances down', async () => {
    const { channels, sent } = fakeChannels(() => unavailable);
    const { breakers } = fakeBreakers();
    const error = await failureOf(read(depsFor([A, B, C], channels, breakers)));
    expect(sent.map((call) => call.address)).toEqual([A, B]);
    expect(error.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    expect(error.details).toMatchObject({ service: 'outing', rpc: 'GetStudentOutings', grpcCode: status.UNAVAILABLE });
  });

  it('never sends a write twice, even when its instance could not be reached', async () => {
    const { channels, sent } = fakeChannels((address) => (address === A ? unavailable : { reply: REPLY }));
    const { breakers } = fakeBreakers();
    await failureOf(write(depsFor([A, B], channels, breakers)));
    expect(sent.map((call) => call.address)).toEqual([A]);
  });

  it('does not retry a read the service received (any code but UNAVAILABLE)', async () => {
    const { channels, sent } = fakeChannels(() => ({
      error: { code: status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' },
    }));
    const { breakers } = fakeBreakers();
    const error = await failureOf(read(depsFor([A, B], channels, breakers)));
    expect(sent).toHaveLength(1);
    expect(error.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(error.details).toMatchObject({ service: 'outing', rpc: 'GetStudentOutings', grpcCode: 4 });
  });

  it("counts a breaker's refusal as no attempt: even a write goes on to the next instance", async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const { breakers } = fakeBreakers({ refusing: [A] });
    await expect(write(depsFor([A, B], channels, breakers))).resolves.toBe(REPLY);
    expect(sent.map((call) => call.address)).toEqual([B]);
  });

  it("answers CIRCUIT_OPEN when the only instance's breaker refuses, having sent nothing", async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const { breakers } = fakeBreakers({ refusing: [A] });
    const error = await failureOf(write(depsFor([A], channels, breakers)));
    expect(sent).toEqual([]);
    expect(error.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(error.details).toMatchObject({ reason: UnavailableReason.CIRCUIT_OPEN, instance: A });
  });

  it('answers CIRCUIT_OPEN when every breaker is open and NO_INSTANCE when none is known, calling nothing', async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const allOpen = await failureOf(read(depsFor([A, B], channels, fakeBreakers({ open: [A, B] }).breakers)));
    expect(allOpen.details).toMatchObject({ reason: UnavailableReason.CIRCUIT_OPEN, service: 'outing' });
    const none = await failureOf(read(depsFor([], channels, fakeBreakers().breakers)));
    expect(none.details).toMatchObject({ reason: UnavailableReason.NO_INSTANCE, service: 'outing' });
    expect(sent).toEqual([]);
  });

  it("sets the RPC's own deadline, capped by the request's budget", async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const deps = depsFor([A], channels, fakeBreakers().breakers);
    const before = Date.now();
    await read(deps);
    expect(sent[0]?.deadline).toBeGreaterThanOrEqual(before + 3000);
    expect(sent[0]?.deadline).toBeLessThan(before + 3000 + 1000);
    const budget = Date.now() + 200;
    await read(deps, context({ deadlineAt: budget }));
    expect(sent[1]?.deadline).toBe(budget);
  });

  it('starts no call once the request is out of time (UPSTREAM_TIMEOUT)', async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const error = await failureOf(
      read(depsFor([A], channels, fakeBreakers().breakers), context({ deadlineAt: Date.now() - 1 })),
    );
    expect(sent).toEqual([]);
    expect(error.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it('translates a request the contract cannot encode to BAD_USER_INPUT, which no breaker counts', async () => {
    const { channels } = fakeChannels(() => ({
      error: { code: status.INTERNAL, details: 'Request message serialization failure: uint32 value expected' },
    }));
    const { breakers, counted } = fakeBreakers();
    const error = await failureOf(read(depsFor([A, B], channels, breakers)));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    // The encoder's text names internal field paths: the client learns only which call.
    expect(error.message).toBe('a value does not fit the GetStudentOutings contract');
    expect(counted).toEqual([false]);
  });

  it('counts transport failures for the breaker and keeps the facts of the failure', async () => {
    const { channels } = fakeChannels(() => ({ error: { code: status.INTERNAL, details: 'stream reset' } }));
    const { breakers, counted } = fakeBreakers();
    const error = await failureOf(read(depsFor([A], channels, breakers)));
    expect(counted).toEqual([true]);
    expect(error.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    expect(error.message).toBe('outing call failed: stream reset');
    expect(error.details).toMatchObject({ service: 'outing', rpc: 'GetStudentOutings', grpcCode: status.INTERNAL });
  });
});

describe('lazy service clients (a GraphQL request’s)', () => {
  it('bind only the service a request calls, on first use, with one span context on the request’s trace', async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const deps = depsFor([A], channels, fakeBreakers().breakers);
    const clients = createLazyServiceClients(deps, {
      callerUuid: 'student-000000000001',
      requestId: 'r',
      trace: { traceId: 'T' },
    });
    // Nothing bound yet: a request answered before any resolver runs pays for none of it.
    expect(Object.keys((clients as unknown as { bound: object }).bound)).toEqual([]);
    await clients.outing.student.getStudentOutings({ studentId: 's-1' });
    await clients.outing.student.getStudentOutings({ studentId: 's-2' });
    expect(Object.keys((clients as unknown as { bound: object }).bound)).toEqual(['outing']);
    const spanContexts = sent.map((call) => String(call.metadata.get('span-context')[0]));
    expect(spanContexts[0]).toMatch(/^T:[0-9a-f]{16}:0:1$/);
    expect(spanContexts[1]).toBe(spanContexts[0]);
  });

  it('made from one request’s trace (a REST route’s handler and guards), clients send one span context', async () => {
    const { channels, sent } = fakeChannels(() => ({ reply: REPLY }));
    const deps = depsFor([A], channels, fakeBreakers().breakers);
    const base = { requestId: 'r', trace: { traceId: 'T' } };
    await createRawServiceClients(deps, { ...base, callerUuid: 'a' }).outing.student.getStudentOutings({});
    await createServiceClients(deps, { ...base, callerUuid: 'b' }).outing.student.getStudentOutings({});
    const [first, second] = sent.map((call) => String(call.metadata.get('span-context')[0]));
    expect(first).toMatch(/^T:[0-9a-f]{16}:0:1$/);
    expect(second).toBe(first);
  });
});
