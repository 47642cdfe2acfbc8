import { randomUUID } from 'node:crypto';
import type Consul from 'consul';
import { consulServiceName, SERVICE_NAMES, type ServiceName } from '../core/config';
import type { Logger } from '../core/logger';

export interface ConsulRegistration {
  serviceId: string;
  checkId: string;
  /** Stops the TTL heartbeat and deregisters the instance. */
  close(): Promise<void>;
}

export interface RegisterOptions {
  consul: Consul;
  service: ServiceName;
  host: string;
  port: number;
  ttlSeconds: number;
  logger: Logger;
}

/**
 * Registers one service instance under its legacy name with a TTL check, keeps the check passing, and
 * deregisters on close (legacy-api.md §2.4). The check id travels in the service meta as `CheckID`, where the
 * legacy gateway read it to fail the check when a breaker opened.
 */
export async function registerInConsul(options: RegisterOptions): Promise<ConsulRegistration> {
  const name = consulServiceName(options.service);
  const serviceId = `${name}-${randomUUID()}`;
  const checkId = `service:${serviceId}`;
  await options.consul.agent.service.register({
    name,
    id: serviceId,
    address: options.host,
    port: options.port,
    meta: { CheckID: checkId },
    check: {
      name: `${name} TTL`,
      checkid: checkId,
      ttl: `${options.ttlSeconds}s`,
      status: 'passing',
      timeout: `${options.ttlSeconds}s`,
      deregistercriticalserviceafter: '10m',
    },
  });
  // Three heartbeats per TTL, so one lost beat does not flip the check.
  const heartbeat = setInterval(
    () => {
      options.consul.agent.check
        .pass({ id: checkId, note: 'reference service alive' })
        .catch((err: unknown) => options.logger.warn({ err, checkId }, 'consul TTL heartbeat failed'));
    },
    Math.max(500, (options.ttlSeconds * 1000) / 3),
  );
  heartbeat.unref();
  options.logger.info({ service: name, serviceId, address: `${options.host}:${options.port}` }, 'registered in consul');
  return {
    serviceId,
    checkId,
    async close() {
      clearInterval(heartbeat);
      await options.consul.agent.service.deregister(serviceId);
      options.logger.info({ serviceId }, 'deregistered from consul');
    },
  };
}

interface HealthEntry {
  Service: { ID: string; Address: string; Port: number };
  Node: { Address: string };
}

/**
 * How the legacy services found their peers: the first passing instance the agent lists. The list is re-read
 * on refresh (the ChangeAllServiceNodes event) and on a slow poll.
 */
export function createConsulPeerResolver(consul: Consul, logger: Logger, pollMs = 15_000) {
  const known = new Map<ServiceName, string>();
  const refresh = async () => {
    await Promise.all(
      SERVICE_NAMES.map(async (service) => {
        const entries = (await consul.health.service({ service: consulServiceName(service), passing: true })) as
          HealthEntry[] | undefined;
        const first = entries?.[0];
        if (first) known.set(service, `${first.Service.Address || first.Node.Address}:${first.Service.Port}`);
        else known.delete(service);
      }),
    );
  };
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => logger.warn({ err }, 'consul peer refresh failed'));
  }, pollMs);
  timer.unref();
  const resolve = (service: ServiceName) => known.get(service);
  return Object.assign(resolve, { refresh, stop: () => clearInterval(timer) });
}
