import type Consul from 'consul';
import { consulServiceName, SERVICE_NAMES, type ServiceName } from '../core/config';
import type { Logger } from '../core/logger';
import { createRoundRobin } from './round-robin';
import type { RegistryStatus, ServiceInstance, ServiceRegistry } from './service-registry';

interface HealthEntry {
  Service: { ID: string; Address: string; Port: number; Meta?: Record<string, string> | null };
  Node: { Address: string };
}

export interface ConsulRegistryOptions {
  consul: Consul;
  logger: Logger;
  /** Blocking-query wait. @default "30s" */
  wait?: string;
  /** Longest pause between retries while Consul is unreachable, in ms. @default 2000 */
  backoffMaxMs?: number;
  /** How long `ready()` waits for the first list of every service, in ms. @default 5000 */
  readyTimeoutMs?: number;
}

export interface ConsulRegistry extends ServiceRegistry {
  /** Resolves once every service has had its first answer (or the timeout passed). */
  ready(): Promise<void>;
}

function toInstance(entry: HealthEntry): ServiceInstance {
  return {
    id: entry.Service.ID,
    address: `${entry.Service.Address || entry.Node.Address}:${entry.Service.Port}`,
    // The legacy services put their TTL check id in the service meta; `service:<id>` is Consul's default.
    checkId: entry.Service.Meta?.CheckID || `service:${entry.Service.ID}`,
  };
}

const sameList = (a: readonly ServiceInstance[], b: readonly ServiceInstance[]) =>
  a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.address === b[i]?.address);

/**
 * Passing instances of each `DMS.SMS.v1.service.<name>`, kept current by one blocking-query watch per service
 * (index + wait). A list is replaced only when it changed. While Consul is unreachable the last known lists
 * keep serving and the watch retries with backoff.
 */
export function createConsulRegistry(options: ConsulRegistryOptions): ConsulRegistry {
  const { consul, logger } = options;
  const lists = new Map<ServiceName, ServiceInstance[]>(SERVICE_NAMES.map((s) => [s, []]));
  const pickers = new Map(SERVICE_NAMES.map((s) => [s, createRoundRobin()]));
  const listeners = new Set<(service: ServiceName, removed: readonly ServiceInstance[]) => void>();
  const answered = new Set<ServiceName>();
  let status: RegistryStatus = { source: 'consul', reachable: true };
  let firstAnswers: () => void = () => {};
  const allAnswered = new Promise<void>((resolve) => {
    firstAnswers = resolve;
  });

  const update = (service: ServiceName, entries: HealthEntry[]) => {
    const next = entries.map(toInstance).sort((a, b) => a.id.localeCompare(b.id));
    const previous = lists.get(service) ?? [];
    status = { source: 'consul', reachable: true };
    answered.add(service);
    if (answered.size === SERVICE_NAMES.length) firstAnswers();
    if (sameList(previous, next)) return;
    lists.set(service, next);
    const kept = new Set(next.map((i) => i.id));
    const removed = previous.filter((i) => !kept.has(i.id));
    logger.info({ service, instances: next.map((i) => i.address) }, 'upstream instances changed');
    if (removed.length > 0) for (const listener of listeners) listener(service, removed);
  };

  const watches = SERVICE_NAMES.map((service) => {
    const watch = consul.watch({
      method: consul.health.service,
      options: { service: consulServiceName(service), passing: 'true', wait: options.wait ?? '30s' },
      backoffFactor: 100,
      backoffMax: options.backoffMaxMs ?? 2000,
    });
    watch.on('change', (entries: HealthEntry[]) => update(service, entries ?? []));
    // An unhandled 'error' event would crash the process; the watch retries by itself.
    watch.on('error', (err: Error) => {
      if (status.reachable) logger.warn({ err, service }, 'consul unreachable: serving the last known instances');
      status = { source: 'consul', reachable: false, lastError: err.message };
    });
    return watch;
  });

  return {
    pick: (service, exclude) => pickers.get(service)?.(lists.get(service) ?? [], exclude),
    instances: (service) => lists.get(service) ?? [],
    onInstancesChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => status,
    async refresh() {
      await Promise.all(
        SERVICE_NAMES.map(async (service) => {
          const entries = (await consul.health.service({
            service: consulServiceName(service),
            passing: true,
          })) as HealthEntry[];
          update(service, entries);
        }),
      );
    },
    ready: () =>
      Promise.race([allAnswered, new Promise<void>((r) => setTimeout(r, options.readyTimeoutMs ?? 5000).unref())]),
    async close() {
      for (const watch of watches) watch.end();
      listeners.clear();
    },
  };
}
