import type { ServiceName } from '../core/config';

/** One registered instance as the catalog lists it, with the state of its own (TTL) check. */
export interface CatalogInstance {
  serviceId: string;
  /** `host:port` to dial. */
  address: string;
  /** The service meta `CheckID`, else Consul's default `service:<ServiceID>`. */
  checkId: string;
  /** `passing`, `warning` or `critical`; undefined when the instance has no such check. */
  checkStatus: string | undefined;
  checkOutput: string;
}

/**
 * Where the health checker finds instances and records its verdicts. Every action is idempotent (failing a
 * failed check, deregistering a gone instance), so several checkers can act on the same instance.
 */
export interface InstanceCatalog {
  /** Every registered instance of the service, passing or not. */
  list(service: ServiceName): Promise<CatalogInstance[]>;
  failCheck(checkId: string, note: string): Promise<void>;
  passCheck(checkId: string, note: string): Promise<void>;
  deregister(serviceId: string): Promise<void>;
  close(): void;
}
