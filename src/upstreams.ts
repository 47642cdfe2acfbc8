import type { Config, ServiceName } from '../core/config';
import { SERVICE_NAMES } from '../core/config';

/** Where the gateway finds each service, as configuration decides (design.md §2 "Discovery"). */
export type UpstreamSource = { kind: 'consul'; address: string } | { kind: 'static' } | { kind: 'embedded' };

export function upstreamSourceOf(config: Config): UpstreamSource {
  if (config.consul) return { kind: 'consul', address: config.consul.address };
  const anyStatic = SERVICE_NAMES.some((service: ServiceName) => config.upstreams[service]?.length);
  return anyStatic ? { kind: 'static' } : { kind: 'embedded' };
}
