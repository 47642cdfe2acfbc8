import { SERVICE_NAMES, type ServiceName } from '../core/config';
import { createRoundRobin } from './round-robin';
import type { RegistryStatus, ServiceInstance, ServiceRegistry } from './service-registry';

/**
 * Fixed addresses per service (UPSTREAM_<SERVICE>_ADDRS or the embedded services), picked round robin. `source` is
 * what `/readyz` reports: `embedded` when the addresses are the reference services of this very process.
 */
export function createStaticRegistry(
  addresses: Partial<Record<ServiceName, readonly string[]>>,
  source: Extract<RegistryStatus['source'], 'static' | 'embedded'> = 'static',
): ServiceRegistry {
  const lists = new Map<ServiceName, ServiceInstance[]>(
    SERVICE_NAMES.map((service) => [service, (addresses[service] ?? []).map((address) => ({ id: address, address }))]),
  );
  const pickers = new Map(SERVICE_NAMES.map((service) => [service, createRoundRobin()]));
  return {
    pick: (service, exclude) => pickers.get(service)?.(lists.get(service) ?? [], exclude),
    instances: (service) => lists.get(service) ?? [],
    onInstancesChanged: () => () => {},
    status: () => ({ source, reachable: true }),
    refresh: async () => {},
    async close() {},
  };
}
