import { performance } from 'node:perf_hooks';
import { status as grpcStatus, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import type { ServiceName } from '../core/config';
import { ErrorCode, UnavailableReason } from '../core/error-codes';
import { GatewayError, ServiceUnavailableError } from '../core/errors';
import type { InstanceFilter, ServiceInstance, ServiceRegistry } from '../discovery/service-registry';
import { BreakerOpenError, type InstanceBreakers } from '../resilience/instance-breakers';
import type { ChannelPool } from './channel-pool';
import { deadlineFor } from './deadlines';
import { isIdempotentRpc } from './idempotent-rpcs';
import { upstreamMetadata, type TraceHeaders, type UpstreamCallContext } from './upstream-metadata';
import type { UpstreamAttempt, UpstreamObserver } from './upstream-observer';

type MethodDef = ServiceDefinition[string];
import type { RequestOf, ResponseOf } from '../core/grpc-message-types';

export type { RequestOf, ResponseOf };

export interface CallDeps {
  registry: ServiceRegistry;
  channels: ChannelPool;
  breakers: InstanceBreakers;
  /** Telemetry around every attempt (spans, metrics, failure logs); none in unit tests. */
  observer?: UpstreamObserver;
  /**
   * The per-service limits, per caller and per service (traffic/rate-limiter.ts): the RATE_LIMITED refusal, given
   * before anything is picked or sent, or undefined. Synchronous. Unset = unlimited.
   */
  admit?: (service: ServiceName, caller: UpstreamCallContext) => GatewayError | undefined;
}

/** The caller's uuid goes into whichever of the two legacy field names the request has. */
function withCallerUuid(request: Record<string, unknown>, callerUuid: string): Record<string, unknown> {
  if ('UUID' in request && request.UUID === '') return { ...request, UUID: callerUuid };
  if ('uuid' in request && request.uuid === '') return { ...request, uuid: callerUuid };
  return request;
}

/** A transport failure that says nothing reached the service: safe to try another instance for a read. */
const isUnreached = (error: unknown) => (error as ServiceError).code === grpcStatus.UNAVAILABLE;
/** grpc-js reports a request it could not encode (e.g. −1 in a uint32 field) as INTERNAL before sending it. */
const isUnencodable = (error: unknown) =>
  (error as ServiceError).code === grpcStatus.INTERNAL &&
  /serialization failure/i.test((error as ServiceError).details);
/** What the breaker counts: gRPC-level failures (business statuses travel in the message and never do). */
const isTransportFailure = (error: unknown) =>
  typeof (error as ServiceError).code === 'number' && !isUnencodable(error);

const NONE_OPEN: ReadonlySet<string> = new Set();

/** What every call of one method shares, worked out on its first call. */
interface MethodFacts {
  rpc: string;
  /** A read that could not reach its instance is tried once more on another; a write is sent once. */
  attempts: 1 | 2;
  /** Every field at its proto3 default (decoding an empty buffer gives them), under the request's own fields. */
  defaults: Record<string, unknown>;
}
const methodFacts = new WeakMap<MethodDef, MethodFacts>();
function factsOf(def: MethodDef): MethodFacts {
  let facts = methodFacts.get(def);
  if (facts === undefined) {
    const rpc = def.path.slice(def.path.lastIndexOf('/') + 1);
    facts = {
      rpc,
      attempts: isIdempotentRpc(rpc) ? 2 : 1,
      defaults: Object.freeze(def.requestDeserialize(Buffer.alloc(0)) as Record<string, unknown>),
    };
    methodFacts.set(def, facts);
  }
  return facts;
}

function invoke(
  deps: CallDeps,
  instance: ServiceInstance,
  def: MethodDef,
  request: Record<string, unknown>,
  context: UpstreamCallContext,
  trace: TraceHeaders | undefined,
): Promise<unknown> {
  const deadline = Math.min(Date.now() + deadlineFor(def.path), context.deadlineAt ?? Number.POSITIVE_INFINITY);
  return new Promise((resolve, reject) => {
    deps.channels
      .get(instance.address)
      .makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        upstreamMetadata(context, trace),
        { deadline },
        (error: ServiceError | null, reply?: unknown) => (error ? reject(error) : resolve(reply)),
      );
  });
}

/**
 * The single path of every upstream call: pick an instance (round robin, skipping open breakers) → its breaker →
 * deadline (the RPC's own, capped by the request's budget) and metadata → invoke. A read that could not reach its
 * instance is retried once on another one; a write is never sent twice. The reply comes back as the service sent
 * it, in-message status included (`status.ts` translates it for GraphQL; REST passes it through). Transport
 * failures become gateway errors here, keeping the service, RPC, instance and gRPC code.
 */
export async function callUpstream<D extends Record<string, MethodDef>, K extends keyof D & string>(
  deps: CallDeps,
  service: ServiceName,
  definition: D,
  method: K,
  request: Partial<RequestOf<D[K]>>,
  context: UpstreamCallContext,
): Promise<ResponseOf<D[K]>> {
  const refusal = deps.admit?.(service, context);
  if (refusal) throw refusal;
  const def = definition[method] as MethodDef;
  const { rpc, attempts, defaults } = factsOf(def);
  // Partial requests encode cleanly over the defaults.
  const full = withCallerUuid({ ...defaults, ...request }, context.callerUuid);
  // The breakers keep the set of open instances: the first pick skips it as it is; only a retry needs a filter of
  // its own (the tried ones too, and the set read again: the service's first breaker, and its set, may have been
  // made by the first attempt).
  let skip: InstanceFilter = deps.breakers.openInstances.get(service) ?? NONE_OPEN;
  let tried: Set<string> | undefined;
  let lastError: unknown;

  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (context.deadlineAt !== undefined && Date.now() >= context.deadlineAt) break;
    const instance = deps.registry.pick(service, skip);
    if (!instance) break;
    const send = (trace: TraceHeaders | undefined) =>
      deps.breakers.run(service, instance, () => invoke(deps, instance, def, full, context, trace), isTransportFailure);
    try {
      return (await observed(deps.observer, { service, rpc, instance, context }, send)) as ResponseOf<D[K]>;
    } catch (error) {
      lastError = error;
      if (tried === undefined) {
        const seen = (tried = new Set());
        skip = { has: (id) => seen.has(id) || (deps.breakers.openInstances.get(service)?.has(id) ?? false) };
      }
      tried.add(instance.id);
      // A breaker that refused the call (half-open, its one trial already out) sent nothing: that was no
      // attempt, so even a write goes on to another instance. The loop still ends: each instance is tried once.
      if (error instanceof BreakerOpenError) attempt -= 1;
      else if (!isUnreached(error)) break;
    }
  }
  const failure = translateFailure(deps, service, rpc, lastError, context);
  if (lastError === undefined) deps.observer?.unattempted({ service, rpc, context }, failure);
  throw failure;
}

/**
 * One attempt, told to the observer: traced, it runs inside the observer's span (which hands it the tracing
 * headers); untraced, it is timed here and reported once, when it ended.
 */
async function observed<T>(
  observer: UpstreamObserver | undefined,
  attempt: UpstreamAttempt,
  send: (trace: TraceHeaders | undefined) => Promise<T>,
): Promise<T> {
  if (!observer) return send(undefined);
  if (observer.traced) return observer.traced(attempt, send);
  const startedAt = performance.now();
  try {
    const reply = await send(undefined);
    observer.succeeded(attempt, startedAt, reply);
    return reply;
  } catch (error) {
    observer.failed(attempt, startedAt, error);
    throw error;
  }
}

function translateFailure(
  deps: CallDeps,
  service: ServiceName,
  rpc: string,
  error: unknown,
  context: UpstreamCallContext,
): GatewayError {
  const known = deps.registry.instances(service);
  if (error === undefined) {
    if (context.deadlineAt !== undefined && Date.now() >= context.deadlineAt) {
      return new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, 'the request ran out of time', { details: { service, rpc } });
    }
    // Nothing was tried: no instance at all, or every known one has its breaker open.
    const open = deps.breakers.openInstances.get(service) ?? NONE_OPEN;
    const allOpen = known.length > 0 && known.every((i) => open.has(i.id));
    return allOpen
      ? new ServiceUnavailableError(
          UnavailableReason.CIRCUIT_OPEN,
          `circuit breaker is open for every ${service} instance`,
          {
            details: { service, rpc },
          },
        )
      : new ServiceUnavailableError(UnavailableReason.NO_INSTANCE, `no available instance of ${service}`, {
          details: { service, rpc },
        });
  }
  if (error instanceof BreakerOpenError) {
    return new ServiceUnavailableError(UnavailableReason.CIRCUIT_OPEN, `circuit breaker is open for ${service}`, {
      details: { service, rpc, instance: error.instance.id },
    });
  }
  const grpcError = error as ServiceError;
  const details = { service, rpc, grpcCode: grpcError.code };
  if (isUnencodable(error)) {
    // Validation at the edge should have caught it; the value cannot travel in the contract's type.
    // The encoder's own text (kept for the log) names internal field paths; the client learns which call.
    return new GatewayError(ErrorCode.BAD_USER_INPUT, `a value does not fit the ${rpc} contract`, {
      details: { service, rpc, grpcCode: grpcError.code },
      cause: error,
    });
  }
  if (grpcError.code === grpcStatus.DEADLINE_EXCEEDED) {
    return new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, `${service} did not answer in time`, { details });
  }
  return new GatewayError(
    ErrorCode.INTERNAL_SERVER_ERROR,
    `${service} call failed: ${grpcError.details ?? grpcError.message}`,
    {
      details,
      cause: error,
    },
  );
}
