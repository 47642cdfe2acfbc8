import type { ServiceName } from '../core/config';

/** One reachable instance of an upstream service. */
export interface ServiceInstance {
  /** Stable id: the Consul service id, or the address for static instances. */
  id: string;
  /** `host:port` to dial. */
  address: string;
  /** The Consul TTL check that reports this instance's health, when there is one. */
  checkId?: string;
}

/** Where the upstream services are. Consul and static lists are its adapters. */
export interface ServiceRegistry {
  /** The next instance in round-robin order, or undefined when the service has none. */
  pick(service: ServiceName, exclude?: ReadonlySet<string>): ServiceInstance | undefined;
  /** Every instance currently known. */
  instances(service: ServiceName): readonly ServiceInstance[];
  close(): Promise<void>;
}
