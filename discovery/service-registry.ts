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

export interface RegistryStatus {
  /** `embedded`: static lists pointing at the reference services this process started itself. */
  source: 'static' | 'consul' | 'embedded';
  /** False while the registry cannot reach its source; it keeps serving the last known lists meanwhile. */
  reachable: boolean;
  lastError?: string;
}

/** Where the upstream services are. Consul and static lists are its adapters. */
export interface ServiceRegistry {
  /** The next instance in round-robin order, skipping `exclude`, or undefined when none is left. */
  pick(service: ServiceName, exclude?: InstanceFilter): ServiceInstance | undefined;
  /** Every instance currently known. */
  instances(service: ServiceName): readonly ServiceInstance[];
  /** Called with the instances that left, so their channels and breakers can be released. */
  onInstancesChanged(listener: (service: ServiceName, removed: readonly ServiceInstance[]) => void): () => void;
  status(): RegistryStatus;
  /** Re-reads the source now (the legacy consul-change route). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Instances a pick must skip (already tried, breaker open). */
export interface InstanceFilter {
  has(instanceId: string): boolean;
}
