import { SERVICE_NAMES, type ServiceName } from '../../core/config';
import { createConsulClient } from '../../core/consul-client';
import { createLogger } from '../../core/logger';
import { registerInConsul, type ConsulRegistration } from '../../reference-services/consul-registration';
import {
  startReferenceServices,
  type RunningReferenceServices,
} from '../../reference-services/start-reference-services';

/** One full set of the five reference services, registered in Consul like `npm run services` does. */
export interface ServiceInstanceSet {
  services: RunningReferenceServices;
  registrations: Record<ServiceName, ConsulRegistration>;
  /** Calls this set received for one RPC path. */
  calls(path: string): number;
  /** Crash: the servers stop answering and the heartbeats stop; the Consul registrations stay behind. */
  kill(): Promise<void>;
  /** Come back after `kill()` on the same ports, heartbeats running again. */
  revive(): Promise<void>;
  close(): Promise<void>;
}

const silent = createLogger({ name: 'cluster-test', level: 'silent' });

/** Starts one instance set on free ports and registers each service in the agent at `consulAddress`. */
export async function startInstanceSet(consulAddress: string, ttlSeconds = 30): Promise<ServiceInstanceSet> {
  const consul = createConsulClient({ address: consulAddress });
  let services = await startReferenceServices({ logger: silent });
  const ports = Object.fromEntries(
    SERVICE_NAMES.map((s) => [s, Number(services.addresses[s].split(':').pop())]),
  ) as Record<ServiceName, number>;
  const registrations = {} as Record<ServiceName, ConsulRegistration>;
  for (const service of SERVICE_NAMES) {
    registrations[service] = await registerInConsul({
      consul,
      service,
      host: '127.0.0.1',
      port: ports[service],
      ttlSeconds,
      logger: silent,
    });
  }
  let alive = true;
  let countsBeforeKill: Record<string, number> = {};
  return {
    get services() {
      return services;
    },
    registrations,
    calls: (path) => (countsBeforeKill[path] ?? 0) + (services.callCounts()[path] ?? 0),
    async kill() {
      if (!alive) return;
      alive = false;
      for (const registration of Object.values(registrations)) registration.stopHeartbeat();
      const counts = services.callCounts();
      for (const [path, n] of Object.entries(counts)) countsBeforeKill[path] = (countsBeforeKill[path] ?? 0) + n;
      await services.close();
    },
    async revive() {
      if (alive) return;
      services = await startReferenceServices({ logger: silent, ports });
      for (const registration of Object.values(registrations)) registration.restartHeartbeat();
      alive = true;
    },
    async close() {
      await Promise.allSettled(Object.values(registrations).map((r) => r.close()));
      if (alive) await services.close();
      alive = false;
      countsBeforeKill = {};
      consul.destroy();
    },
  } as ServiceInstanceSet;
}

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
