import { join } from 'node:path';
import type { ServiceName } from '../../core/config';
import { spawnJsonLines, type JsonLineProcess } from './child-processes';

const SCRIPT = join(__dirname, 'service-instance.js');

export interface ServiceInstanceProcess {
  process: JsonLineProcess;
  pid: number;
  /** The servers' own addresses (not what Consul advertises). */
  addresses: Record<ServiceName, string>;
  /** Consul service id of each registered service: the instance id the gateway logs and `/readyz` show. */
  instanceIds: Partial<Record<ServiceName, string>>;
  /** Calls received by wire path since the process started (asked for with SIGUSR2). */
  callCounts(): Promise<Record<string, number>>;
  signal(signal: 'SIGKILL' | 'SIGSTOP' | 'SIGCONT' | 'SIGTERM'): void;
}

export interface ServiceInstanceOptions {
  consulAddress: string;
  register: ServiceName[];
  ttlSeconds: number;
  ports?: Partial<Record<ServiceName, number>>;
  /** `host:port` registered instead of the server's own address (a proxy in front of it). */
  advertise?: Partial<Record<ServiceName, string>>;
}

/** Starts `test/faults/service-instance.js` and waits for it to be registered. */
export async function startServiceInstance(options: ServiceInstanceOptions): Promise<ServiceInstanceProcess> {
  const env: Record<string, string> = {
    CONSUL_HTTP_ADDR: options.consulAddress,
    FAULTS_REGISTER: options.register.join(','),
    FAULTS_TTL_SECONDS: String(options.ttlSeconds),
  };
  for (const [service, port] of Object.entries(options.ports ?? {}))
    env[`FAULTS_PORT_${service.toUpperCase()}`] = String(port);
  for (const [service, address] of Object.entries(options.advertise ?? {})) {
    env[`FAULTS_ADVERTISE_${service.toUpperCase()}`] = address;
  }
  const process = spawnJsonLines(globalThis.process.execPath, [SCRIPT], env);
  const ready = (await process.waitForLine((l) => l.ready === true, 20_000, 'a service instance to start')) as {
    addresses: Record<ServiceName, string>;
    registrations: Partial<Record<ServiceName, { serviceId: string }>>;
  };
  const instanceIds = Object.fromEntries(
    Object.entries(ready.registrations).map(([service, r]) => [service, r.serviceId]),
  ) as Partial<Record<ServiceName, string>>;
  return {
    process,
    pid: process.pid,
    addresses: ready.addresses,
    instanceIds,
    async callCounts() {
      const seen = process.lines.length;
      process.child.kill('SIGUSR2');
      const line = await process.waitForLine(
        (l) => l.callCounts !== undefined && process.lines.indexOf(l) >= seen,
        5000,
        'call counts',
      );
      return line.callCounts as Record<string, number>;
    },
    signal(signal) {
      process.child.kill(signal);
    },
  };
}
