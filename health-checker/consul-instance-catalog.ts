import type Consul from 'consul';
import { consulServiceName } from '../core/config';
import type { CatalogInstance, InstanceCatalog } from './instance-catalog';

interface HealthEntry {
  Service: { ID: string; Address: string; Port: number; Meta?: Record<string, string> | null };
  Node: { Address: string };
  Checks?: Array<{ CheckID: string; Status: string; Output?: string }>;
}

/**
 * The Consul agent as the checker's catalog: `/v1/health/service/<name>` without `passing` (a failed instance
 * must still be checked, to pass it again or deregister it), the agent's TTL check endpoints and service
 * deregistration. The agent is the one the services registered with (legacy: one agent for the swarm).
 */
export function createConsulInstanceCatalog(consul: Consul, options: { timeoutMs?: number } = {}): InstanceCatalog {
  const timeout = options.timeoutMs ?? 5000;
  // The client honours `timeout` on every call, but its typings leave it out: pass it through a variable.
  const withTimeout = <T extends object>(request: T) => ({ ...request, timeout });
  return {
    async list(service) {
      const entries = (await consul.health.service(withTimeout({ service: consulServiceName(service) }))) as
        HealthEntry[] | undefined;
      return (entries ?? []).map((entry): CatalogInstance => {
        const checkId = entry.Service.Meta?.CheckID || `service:${entry.Service.ID}`;
        const check = entry.Checks?.find((c) => c.CheckID === checkId);
        return {
          serviceId: entry.Service.ID,
          address: `${entry.Service.Address || entry.Node.Address}:${entry.Service.Port}`,
          checkId,
          checkStatus: check?.Status,
          checkOutput: check?.Output ?? '',
        };
      });
    },
    async failCheck(id, note) {
      await consul.agent.check.fail(withTimeout({ id, note }));
    },
    async passCheck(id, note) {
      await consul.agent.check.pass(withTimeout({ id, note }));
    },
    async deregister(id) {
      // The agent answers 200 for an id it does not know, so a second checker deregistering is harmless.
      await consul.agent.service.deregister(withTimeout({ id }));
    },
    close: () => consul.destroy(),
  };
}
