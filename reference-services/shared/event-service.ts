import type { ServiceDefinition, UntypedServiceImplementation, handleUnaryCall } from '@grpc/grpc-js';
import type { Logger } from '../../core/logger';

/**
 * `ChangeAllServiceNodes(Empty) → Empty`: the legacy gateway calls it after a Consul change so the service
 * re-reads where its peers are. Empty carries no status, so there is nothing to reject in-message.
 */
export function implementEventService(
  definition: ServiceDefinition,
  refresh: () => Promise<void>,
  logger: Logger,
): UntypedServiceImplementation {
  const handler: handleUnaryCall<unknown, unknown> = (_call, callback) => {
    refresh().then(
      () => callback(null, {}),
      (err: unknown) => {
        logger.warn({ err }, 'peer refresh failed');
        callback(null, {});
      },
    );
  };
  return Object.fromEntries(Object.keys(definition).map((method) => [method, handler]));
}
