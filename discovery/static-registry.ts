import type { ServiceName } from '../core/config';
import type { ServiceInstance, ServiceRegistry } from './service-registry';

/** Fixed addresses per service (UPSTREAM_<SERVICE>_ADDRS or the embedded services), picked round robin. */
export function createStaticRegistry(addresses: Partial<Record<ServiceName, readonly string[]>>): ServiceRegistry {
  const lists = new Map<ServiceName, ServiceInstance[]>();
  for (const [service, list] of Object.entries(addresses) as Array<[ServiceName, readonly string[]]>) {
    lists.set(
      service,
      list.map((address) => ({ id: address, address })),
    );
  }
  const cursors = new Map<ServiceName, number>();
  return {
    pick(service, exclude) {
      const list = lists.get(service) ?? [];
      for (let tried = 0; tried < list.length; tried += 1) {
        const cursor = cursors.get(service) ?? 0;
        cursors.set(service, (cursor + 1) % list.length);
        const instance = list[cursor % list.length] as ServiceInstance;
        if (!exclude?.has(instance.id)) return instance;
      }
      return undefined;
    },
    instances: (service) => lists.get(service) ?? [],
    async close() {},
  };
}
