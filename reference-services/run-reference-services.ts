import type { Config } from '../core/config';
import { SERVICE_NAMES } from '../core/config';
import { createConsulClient } from '../core/consul-client';
import type { Logger } from '../core/logger';
import { createConsulPeerResolver, registerInConsul, type ConsulRegistration } from './consul-registration';
import { startReferenceServices, type RunningReferenceServices } from './start-reference-services';

/**
 * The five services as `npm run services` runs them: fixed ports by default and, with CONSUL_HTTP_ADDR, each
 * registered under its legacy name with a TTL check, finding its peers through the agent.
 */
export async function runReferenceServices(config: Config, logger: Logger): Promise<RunningReferenceServices> {
  const { host, advertiseHost, ports, demoData, checkTtlSeconds } = config.referenceServices;
  if (!config.consul) return startReferenceServices({ logger, host, ports, demoData });

  const consul = createConsulClient(config.consul);
  const resolver = createConsulPeerResolver(consul, logger);
  const services = await startReferenceServices({ logger, host, ports, demoData, peerResolver: () => resolver });
  const registrations: ConsulRegistration[] = [];
  try {
    for (const service of SERVICE_NAMES) {
      const port = Number(services.addresses[service].split(':').pop());
      registrations.push(
        await registerInConsul({ consul, service, host: advertiseHost, port, ttlSeconds: checkTtlSeconds, logger }),
      );
    }
    await resolver.refresh();
  } catch (error) {
    await Promise.allSettled(registrations.map((r) => r.close()));
    resolver.stop();
    await services.close();
    consul.destroy();
    throw error;
  }
  return {
    ...services,
    async close() {
      // Health checkers see NOT_SERVING while the instance deregisters and drains.
      services.markNotServing();
      resolver.stop();
      await Promise.allSettled(registrations.map((r) => r.close()));
      consul.destroy();
      await services.close();
    },
  };
}
