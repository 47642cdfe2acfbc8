import { randomUUID } from 'node:crypto';
import type Consul from 'consul';
import { consulServiceName, SERVICE_NAMES, type ServiceName } from '../core/config';
import { BREAKER_OPEN_NOTE, HEALTH_CHECK_FAILED_NOTE } from '../core/consul-client';
import type { Logger } from '../core/logger';

export interface ConsulRegistration {
  serviceId: string;
  checkId: string;
  /** Stops the TTL heartbeat only, leaving the registration (a crashed process does exactly that). */
  stopHeartbeat(): void;
  /** Starts the heartbeat again after `stopHeartbeat`. */
  restartHeartbeat(): void;
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
  const register = () =>
    options.consul.agent.service.register({
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
  await register();
  // Three heartbeats per TTL, so one lost beat does not flip the check. A check the agent no longer has means
  // it forgot us (a restarted agent): register again. A check a gateway's breaker or the health checker failed
  // is left failed: whoever failed it passes it again.
  const beat = async () => {
    const checks = (await options.consul.agent.check.list()) as Record<string, { Status: string; Output: string }>;
    const check = checks[checkId];
    if (!check) return void (await register());
    const failedByOthers = check.Output === BREAKER_OPEN_NOTE || check.Output.startsWith(HEALTH_CHECK_FAILED_NOTE);
    if (check.Status === 'critical' && failedByOthers) return;
    await options.consul.agent.check.pass({ id: checkId, note: 'reference service alive' });
  };
  let heartbeat: NodeJS.Timeout | undefined;
  const startHeartbeat = () => {
    heartbeat ??= setInterval(
      () => void beat().catch((err: unknown) => options.logger.warn({ err, checkId }, 'consul TTL heartbeat failed')),
      Math.max(500, (options.ttlSeconds * 1000) / 3),
    );
    heartbeat.unref();
  };
  const stopHeartbeat = () => {
    clearInterval(heartbeat);
    heartbeat = undefined;
  };
  startHeartbeat();
  options.logger.info({ service: name, serviceId, address: `${options.host}:${options.port}` }, 'registered in consul');
  return {
    serviceId,
    checkId,
    stopHeartbeat,
    restartHeartbeat: startHeartbeat,
    async close() {
      stopHeartbeat();
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
