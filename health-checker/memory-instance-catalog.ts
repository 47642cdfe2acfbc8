import type { ServiceName } from '../core/config';
import type { CatalogInstance, InstanceCatalog } from './instance-catalog';

export interface CatalogAction {
  action: 'fail' | 'pass' | 'deregister';
  id: string;
  note?: string;
}

/** The in-memory twin of the Consul catalog: instances the test adds, and a log of what the checker did. */
export interface MemoryInstanceCatalog extends InstanceCatalog {
  add(service: ServiceName, instance: Pick<CatalogInstance, 'serviceId' | 'address'> & Partial<CatalogInstance>): void;
  get(serviceId: string): CatalogInstance | undefined;
  actions: CatalogAction[];
  /** The next `list` calls reject, as an unreachable agent would. */
  setReachable(reachable: boolean): void;
}

export function createMemoryInstanceCatalog(): MemoryInstanceCatalog {
  const instances = new Map<string, { service: ServiceName; instance: CatalogInstance }>();
  const actions: CatalogAction[] = [];
  let reachable = true;
  const byCheck = (checkId: string) => [...instances.values()].find((e) => e.instance.checkId === checkId)?.instance;
  const setCheck = (checkId: string, status: string, note: string) => {
    const instance = byCheck(checkId);
    if (!instance) throw new Error(`CheckID "${checkId}" does not have associated TTL`);
    instance.checkStatus = status;
    instance.checkOutput = note;
  };
  return {
    actions,
    add(service, instance) {
      instances.set(instance.serviceId, {
        service,
        instance: {
          checkId: `service:${instance.serviceId}`,
          checkStatus: 'passing',
          checkOutput: '',
          ...instance,
        },
      });
    },
    get: (serviceId) => instances.get(serviceId)?.instance,
    setReachable(value) {
      reachable = value;
    },
    async list(service) {
      if (!reachable) throw new Error('connect ECONNREFUSED');
      return [...instances.values()].filter((e) => e.service === service).map((e) => ({ ...e.instance }));
    },
    async failCheck(id, note) {
      actions.push({ action: 'fail', id, note });
      setCheck(id, 'critical', note);
    },
    async passCheck(id, note) {
      actions.push({ action: 'pass', id, note });
      setCheck(id, 'passing', note);
    },
    async deregister(id) {
      actions.push({ action: 'deregister', id });
      instances.delete(id);
    },
    close: () => undefined,
  };
}
