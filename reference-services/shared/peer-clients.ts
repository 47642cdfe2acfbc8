import { Client, credentials, status as grpcStatus, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import type { ServiceName } from '../../core/config';
import { forwardMetadata, type CallMetadata } from './call-metadata';
import type { RequestOf, ResponseOf } from '../../core/grpc-message-types';

type MethodDef = ServiceDefinition[string];

/** Where a peer service can be reached right now; undefined when it has no instance. */
export type PeerResolver = (service: ServiceName) => string | undefined;

/** No instance of the peer is known (the legacy services answered 503). */
export class PeerUnavailableError extends Error {
  constructor(readonly service: ServiceName) {
    super(`no available instance of ${service}`);
    this.name = 'PeerUnavailableError';
  }
}

/** The peer did not answer in time (club answered 408 for an auth timeout). */
export class PeerTimeoutError extends Error {
  constructor(readonly service: ServiceName) {
    super(`${service} did not answer in time`);
    this.name = 'PeerTimeoutError';
  }
}

export interface PeerClients {
  /**
   * One unary call to a peer service with the caller's metadata forwarded. Business failures come back in the
   * message; transport failures throw PeerUnavailableError, PeerTimeoutError or the grpc-js error.
   */
  call<D extends Record<string, MethodDef>, K extends keyof D & string>(
    service: ServiceName,
    definition: D,
    method: K,
    request: Partial<RequestOf<D[K]>>,
    caller: CallMetadata,
  ): Promise<ResponseOf<D[K]>>;
  close(): void;
}

export const PEER_CALL_TIMEOUT_MS = 3000;

/** Service-to-service calls over real gRPC, one channel per peer address. */
export function createPeerClients(resolve: PeerResolver, timeoutMs = PEER_CALL_TIMEOUT_MS): PeerClients {
  const clients = new Map<string, Client>();
  const clientFor = (address: string): Client => {
    let client = clients.get(address);
    if (!client) {
      client = new Client(address, credentials.createInsecure());
      clients.set(address, client);
    }
    return client;
  };
  return {
    call(service, definition, method, request, caller) {
      const address = resolve(service);
      if (!address) return Promise.reject(new PeerUnavailableError(service));
      const def = definition[method] as MethodDef;
      const fullRequest = { ...(def.requestDeserialize(Buffer.alloc(0)) as object), ...request };
      return new Promise((resolvePromise, reject) => {
        clientFor(address).makeUnaryRequest(
          def.path,
          def.requestSerialize,
          def.responseDeserialize,
          fullRequest,
          forwardMetadata(caller),
          { deadline: Date.now() + timeoutMs },
          (error: ServiceError | null, response?: unknown) => {
            if (error) {
              if (error.code === grpcStatus.DEADLINE_EXCEEDED) reject(new PeerTimeoutError(service));
              else if (error.code === grpcStatus.UNAVAILABLE) reject(new PeerUnavailableError(service));
              else reject(error);
              return;
            }
            resolvePromise(response as never);
          },
        );
      });
    },
    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}
