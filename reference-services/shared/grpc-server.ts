import { Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
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

/** Starts one grpc-js server for one reference service. */
export async function startGrpcServer(
  service: ServiceName,
  bindings: ServiceBinding[],
  host: string,
  port: number,
): Promise<BoundServer> {
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  for (const { definition, implementation } of bindings) {
    server.addService(definition, implementation);
    if (GO_MICRO_SERVICES.has(service)) server.addService(goMicroAlias(service, definition), implementation);
  }
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
