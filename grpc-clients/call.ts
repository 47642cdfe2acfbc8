import { status as grpcStatus, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import type { ServiceName } from '../core/config';
import { ErrorCode, UnavailableReason } from '../core/error-codes';
import { GatewayError, ServiceUnavailableError } from '../core/errors';
import type { ServiceRegistry } from '../discovery/service-registry';
import type { ChannelPool } from './channel-pool';
import { deadlineFor } from './deadlines';
import { upstreamMetadata, type UpstreamCallContext } from './upstream-metadata';

type MethodDef = ServiceDefinition[string];
export type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer R } ? R : never;
export type ResponseOf<M> = M extends { responseDeserialize(bytes: Buffer): infer R } ? R : never;

export interface CallDeps {
  registry: ServiceRegistry;
  channels: ChannelPool;
}

/** The caller's uuid goes into whichever of the two legacy field names the request has. */
function withCallerUuid(request: Record<string, unknown>, callerUuid: string): Record<string, unknown> {
  if ('UUID' in request && request.UUID === '') return { ...request, UUID: callerUuid };
  if ('uuid' in request && request.uuid === '') return { ...request, uuid: callerUuid };
  return request;
}

/**
 * The single path of every upstream call: pick an instance → deadline and metadata → invoke. The reply comes
 * back as the service sent it, in-message status included; `status.ts` translates it for GraphQL, and the REST
 * layer passes it through as the legacy gateway did. Transport failures become gateway errors here, keeping
 * the service, RPC, instance and gRPC code.
 */
export function callUpstream<D extends Record<string, MethodDef>, K extends keyof D & string>(
  deps: CallDeps,
  service: ServiceName,
  definition: D,
  method: K,
  request: Partial<RequestOf<D[K]>>,
  context: UpstreamCallContext,
): Promise<ResponseOf<D[K]>> {
  const def = definition[method] as MethodDef;
  const rpc = def.path.slice(def.path.lastIndexOf('/') + 1);
  const instance = deps.registry.pick(service);
  if (!instance) {
    return Promise.reject(
      new ServiceUnavailableError(UnavailableReason.NO_INSTANCE, `no available instance of ${service}`, {
        details: { service, rpc },
      }),
    );
  }
  // Decoding an empty buffer gives every proto3 default, so partial requests encode cleanly.
  const full = withCallerUuid(
    { ...(def.requestDeserialize(Buffer.alloc(0)) as Record<string, unknown>), ...request },
    context.callerUuid,
  );
  return new Promise((resolve, reject) => {
    deps.channels
      .get(instance.address)
      .makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        full,
        upstreamMetadata(context),
        { deadline: Date.now() + deadlineFor(def.path) },
        (error: ServiceError | null, reply?: unknown) => {
          if (!error) return resolve(reply as ResponseOf<D[K]>);
          const details = { service, rpc, instance: instance.id, grpcCode: error.code };
          if (error.code === grpcStatus.DEADLINE_EXCEEDED) {
            reject(new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, `${service} did not answer in time`, { details }));
          } else {
            reject(
              new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, `${service} call failed: ${error.details}`, {
                details,
                cause: error,
              }),
            );
          }
        },
      );
  });
}
