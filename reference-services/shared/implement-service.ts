import type {
  Metadata,
  ServerUnaryCall,
  ServiceDefinition,
  UntypedServiceImplementation,
  handleUnaryCall,
  sendUnaryData,
} from '@grpc/grpc-js';
import type { Logger } from '../../core/logger';
import { parseCallMetadata, type CallMetadata, type MetadataProblem } from './call-metadata';
import type { GoStatus, SnakeStatus } from './status';
import type { RequestOf, ResponseOf } from '../../core/grpc-message-types';

/** What a handler knows about its call besides the request. */
export interface CallContext extends CallMetadata {
  metadata: Metadata;
}

type MethodDef = ServiceDefinition[string];

/** One async function per RPC; it returns only the fields it sets, the rest keep their proto3 defaults. */
export type ServiceHandlers<D> = {
  [K in keyof D]: (request: RequestOf<D[K]>, context: CallContext) => Promise<Partial<ResponseOf<D[K]>>>;
};

/** The generated `XServer` interface, derived from the definition. */
export type ServerOf<D> = {
  [K in keyof D]: handleUnaryCall<RequestOf<D[K]>, ResponseOf<D[K]>>;
};

export interface StatusConvention {
  /** The in-message reply when the tracing metadata is missing or malformed (407 in every service). */
  rejectMetadata(problem: MetadataProblem, detail: string): GoStatus | SnakeStatus;
  /** The in-message reply when a handler throws. */
  unexpected(error: Error): GoStatus | SnakeStatus;
}

/**
 * Adapts async handlers to grpc-js: checks the metadata first (the services reject calls without a valid
 * `x-request-id` and `span-context`), fills proto3 defaults, and turns a thrown error into a 500 in the message,
 * as the legacy services did. The gRPC status stays OK for every business outcome.
 */
export function implementService<D extends Record<string, MethodDef>>(
  definition: D,
  convention: StatusConvention,
  handlers: ServiceHandlers<D>,
  logger: Logger,
): ServerOf<D> & UntypedServiceImplementation {
  const implementation: Record<string, handleUnaryCall<unknown, unknown>> = {};
  for (const name of Object.keys(definition)) {
    const method = definition[name] as MethodDef;
    const handler = handlers[name as keyof D] as unknown as (
      request: unknown,
      context: CallContext,
    ) => Promise<Record<string, unknown>>;
    // Decoding an empty buffer yields a message with every proto3 default filled in.
    const emptyResponse = () => method.responseDeserialize(Buffer.alloc(0)) as Record<string, unknown>;
    implementation[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const parsed = parseCallMetadata(call.metadata);
      if ('problem' in parsed) {
        callback(null, { ...emptyResponse(), ...convention.rejectMetadata(parsed.problem, parsed.detail) });
        return;
      }
      handler(call.request, { ...parsed, metadata: call.metadata }).then(
        (result) => callback(null, { ...emptyResponse(), ...result }),
        (error: unknown) => {
          const err = error instanceof Error ? error : new Error(String(error));
          logger.error({ err, rpc: method.path }, 'handler failed');
          callback(null, { ...emptyResponse(), ...convention.unexpected(err) });
        },
      );
    };
  }
  return implementation as ServerOf<D> & UntypedServiceImplementation;
}
