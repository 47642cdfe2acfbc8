import { randomUUID } from 'node:crypto';
import { Client, Metadata, credentials, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import type { ServiceName } from '../../core/config';
import { createLogger } from '../../core/logger';
import { createManualClock } from '../../reference-services/shared/clock';
import {
  createDefaultAdapters,
  startReferenceServices,
  type DefaultAdapters,
  type RunningReferenceServices,
  type StartReferenceServicesOptions,
} from '../../reference-services/start-reference-services';
import type { RequestOf, ResponseOf } from '../../core/grpc-message-types';

type MethodDef = ServiceDefinition[string];

/** Valid legacy tracing metadata: a UUID request id and a Jaeger text span context. */
export function legacyMetadata(overrides: { requestId?: string | null; spanContext?: string | null } = {}): Metadata {
  const metadata = new Metadata();
  const requestId = overrides.requestId === undefined ? randomUUID() : overrides.requestId;
  const spanContext =
    overrides.spanContext === undefined ? '4bf92f3577b34da6:00f067aa0ba902b7:0:1' : overrides.spanContext;
  if (requestId !== null) metadata.set('x-request-id', requestId);
  if (spanContext !== null) metadata.set('span-context', spanContext);
  return metadata;
}

export interface ReferenceHarness {
  services: RunningReferenceServices;
  adapters: DefaultAdapters;
  clock: ReturnType<typeof createManualClock>;
  /**
   * A unary call over real gRPC on loopback, built only from the generated contract. Fields left out keep their
   * proto3 defaults.
   */
  call<D extends Record<string, MethodDef>, K extends keyof D & string>(
    service: ServiceName,
    definition: D,
    method: K,
    request: Partial<RequestOf<D[K]>>,
    metadata?: Metadata,
  ): Promise<ResponseOf<D[K]>>;
  /** The raw path variant: call a method by wire path (e.g. the go-micro alias). */
  callPath<D extends Record<string, MethodDef>, K extends keyof D & string>(
    service: ServiceName,
    definition: D,
    method: K,
    path: string,
    request: Partial<RequestOf<D[K]>>,
  ): Promise<ResponseOf<D[K]>>;
  close(): Promise<void>;
}

/**
 * All five reference services on loopback port 0, with a manual clock (default: 2026-11-25 10:00 KST, a
 * Wednesday) and fresh in-memory adapters. Close it in afterAll.
 */
export async function startReferenceHarness(
  options: {
    demoData?: boolean;
    nowMs?: number;
    /** Overrides where the services find their peers (e.g. point club at a fake or missing auth). */
    peerResolver?: StartReferenceServicesOptions['peerResolver'];
  } = {},
): Promise<ReferenceHarness> {
  const clock = createManualClock(options.nowMs ?? Date.parse('2026-11-25T01:00:00Z'));
  const adapters = createDefaultAdapters();
  const services = await startReferenceServices({
    logger: createLogger({ name: 'reference-services-test', level: 'silent' }),
    demoData: options.demoData ?? true,
    clock,
    adapters,
    peerResolver: options.peerResolver,
  });
  const clients = new Map<string, Client>();
  const clientFor = (service: ServiceName) => {
    const address = services.addresses[service];
    let client = clients.get(address);
    if (!client) {
      client = new Client(address, credentials.createInsecure());
      clients.set(address, client);
    }
    return client;
  };
  const invoke = <D extends Record<string, MethodDef>, K extends keyof D & string>(
    service: ServiceName,
    definition: D,
    method: K,
    path: string,
    request: Partial<RequestOf<D[K]>>,
    metadata: Metadata,
  ) => {
    const def = definition[method] as MethodDef;
    const full = { ...(def.requestDeserialize(Buffer.alloc(0)) as object), ...request };
    return new Promise<ResponseOf<D[K]>>((resolve, reject) => {
      clientFor(service).makeUnaryRequest(
        path,
        def.requestSerialize,
        def.responseDeserialize,
        full,
        metadata,
        { deadline: Date.now() + 10_000 },
        (error: ServiceError | null, response?: unknown) =>
          error ? reject(error) : resolve(response as ResponseOf<D[K]>),
      );
    });
  };
  return {
    services,
    adapters,
    clock,
    call: (service, definition, method, request, metadata = legacyMetadata()) =>
      invoke(service, definition, method, (definition[method] as MethodDef).path, request, metadata),
    callPath: (service, definition, method, path, request) =>
      invoke(service, definition, method, path, request, legacyMetadata()),
    async close() {
      for (const client of clients.values()) client.close();
      await services.close();
    },
  };
}
