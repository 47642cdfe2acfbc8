import { Registry } from 'prom-client';

/**
 * The Prometheus registry of one process. Every component that exports metrics registers them on the registry
 * it is given (never on prom-client's global one), so tests get a fresh registry each and an embedded component
 * (the health checker) shows up on the gateway's `/metrics`.
 */
export function createMetricsRegistry(): Registry {
  return new Registry();
}

export type { Registry };
