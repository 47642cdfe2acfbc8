import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { consulServiceName, type ServiceName } from '../../core/config';
import type { ServiceBinding } from './reference-service';

/**
 * go-micro servers (auth, club) keep only the last dot segment of the service part of a path, so the legacy
 * gateway's `/DMS.SMS.v1.service.auth.AuthAdmin/X` reaches them as well as `/auth.admin.AuthAdmin/X`
 * (legacy-api.md §2.5). We serve both paths for those two services.
 */
export function goMicroAlias(service: ServiceName, definition: ServiceDefinition): ServiceDefinition {
  const alias: Record<string, ServiceDefinition[string]> = {};
  for (const [method, def] of Object.entries(definition)) {
    const [, servicePart = '', rpc = ''] = def.path.split('/');
    const shortName = servicePart.split('.').pop() as string;
    alias[method] = { ...def, path: `/${consulServiceName(service)}.${shortName}/${rpc}` };
  }
  return alias as ServiceDefinition;
}

const GO_MICRO_SERVICES: ReadonlySet<ServiceName> = new Set(['auth', 'club']);

export interface BoundServer {
  server: Server;
  /** `host:port` actually bound (port 0 resolves to a free port). */
  address: string;
  port: number;
}

/** The standard `grpc.health.v1.Health` service of one server, as a binding plus its status switch. */
export interface HealthBinding {
  binding: ServiceBinding;
  /** Sets the status of the whole server (`""`) and of the service's Consul name alike. */
  setStatus(status: ServingStatus): void;
}

/**
 * grpc-health-check's implementation (Check, Watch, List), captured as a binding instead of being added to the
 * server directly, so the caller can wrap it like the business services (a stalled server stalls health too).
 */
export function createHealthBinding(service: ServiceName): HealthBinding {
  const names = ['', consulServiceName(service)];
  const health = new HealthImplementation(Object.fromEntries(names.map((name) => [name, 'SERVING' as const])));
  let binding: ServiceBinding | undefined;
  health.addToServer({
    addService: (definition, implementation) => {
      // Its handlers are keyed by the proto's camelCase names (`check`), the definition by `Check`: key both alike.
      const handlers: UntypedServiceImplementation = {};
      for (const [method, def] of Object.entries(definition)) {
        const handler = implementation[method] ?? (def.originalName ? implementation[def.originalName] : undefined);
        if (handler) handlers[method] = handler as UntypedServiceImplementation[string];
      }
      binding = { definition: definition as unknown as ServiceDefinition, implementation: handlers };
    },
  });
  if (!binding) throw new Error('grpc-health-check did not add its service');
  return { binding, setStatus: (status) => names.forEach((name) => health.setStatus(name, status)) };
}

/**
 * Starts one grpc-js server for one reference service. `extraBindings` (the health service) are served as they
 * are, without the go-micro alias.
 */
export async function startGrpcServer(
  service: ServiceName,
  bindings: ServiceBinding[],
  host: string,
  port: number,
  extraBindings: ServiceBinding[] = [],
): Promise<BoundServer> {
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  for (const { definition, implementation } of bindings) {
    server.addService(definition, implementation);
    if (GO_MICRO_SERVICES.has(service)) server.addService(goMicroAlias(service, definition), implementation);
  }
  for (const { definition, implementation } of extraBindings) server.addService(definition, implementation);
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, actual) =>
      error ? reject(error) : resolve(actual),
    );
  });
  return { server, address: `${host}:${boundPort}`, port: boundPort };
}

/** Graceful stop with a hard deadline, so a hung call cannot block shutdown. */
export function stopGrpcServer(server: Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    timer.unref();
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
