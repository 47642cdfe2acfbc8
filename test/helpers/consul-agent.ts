import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePorts } from './free-port';

const LOCAL_BINARY = resolve(__dirname, '../../.tools/consul/usr/bin/consul');

export interface ConsulPorts {
  http: number;
  serfLan: number;
  serfWan: number;
  server: number;
}

export interface ConsulAgent {
  /** `127.0.0.1:<http port>`, as CONSUL_HTTP_ADDR takes it. */
  address: string;
  httpPort: number;
  /** Pass these to `startConsulAgent` to restart an agent at the same address. */
  ports: ConsulPorts;
  stop(): Promise<void>;
}

/** The agent installed by `npm run install:consul` (or one on PATH). */
export function consulBinary(): string {
  if (existsSync(LOCAL_BINARY)) return LOCAL_BINARY;
  return 'consul';
}

/** An agent on loopback with these ports, DNS and gRPC off, quiet: what every agent the tests start shares. */
export function loopbackAgentArgs({ http, serfLan, serfWan, server }: ConsulPorts): string[] {
  return [
    '-bind',
    '127.0.0.1',
    '-client',
    '127.0.0.1',
    '-http-port',
    String(http),
    '-serf-lan-port',
    String(serfLan),
    '-serf-wan-port',
    String(serfWan),
    '-server-port',
    String(server),
    '-dns-port',
    '-1',
    '-grpc-port',
    '-1',
    '-log-level',
    'warn',
  ];
}

/**
 * A real `consul agent -dev` on free loopback ports, ready when it has elected itself leader. Stop it in
 * afterAll; it keeps nothing on disk.
 */
export async function startConsulAgent(options: { ports?: ConsulPorts } = {}): Promise<ConsulAgent> {
  const [httpPort, serfLanPort, serfWanPort, serverPort] = options.ports ? [] : await freePorts(4);
  const ports = options.ports ?? {
    http: httpPort as number,
    serfLan: serfLanPort as number,
    serfWan: serfWanPort as number,
    server: serverPort as number,
  };
  const { http } = ports;
  const child: ChildProcess = spawn(consulBinary(), ['agent', '-dev', ...loopbackAgentArgs(ports)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`consul exited early: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${http}/v1/status/leader`);
      if (res.ok && (await res.text()).length > 2) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`consul did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address: `127.0.0.1:${http}`, httpPort: http, ports, stop };
}
