import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consulBinary, loopbackAgentArgs, type ConsulPorts } from './consul-agent';
import { freePorts } from './free-port';

/** One `consul agent` process of a multi-agent datacenter. */
export interface ConsulProcess {
  name: string;
  httpPort: number;
  /** The server RPC port: what `/v1/status/leader` names. */
  serverPort: number;
  child: ChildProcess;
  alive(): boolean;
  /** The end of what the agent printed to stderr (warnings and errors). */
  stderr(): string;
  /** SIGKILL (a crash), and wait for the exit. */
  kill(): Promise<void>;
}

/** Three Consul servers (Raft) and a client agent, on loopback. */
export interface ConsulServers {
  servers: ConsulProcess[];
  client: ConsulProcess;
  /** `127.0.0.1:<http port>` of the client agent, as CONSUL_HTTP_ADDR takes it (what the gateway talks to). */
  clientAddress: string;
  /** The server that leads now, as the client agent reports it; undefined while there is none. */
  leader(): Promise<ConsulProcess | undefined>;
  stop(): Promise<void>;
}

async function startAgent(dir: string, name: string, ports: ConsulPorts, args: string[]): Promise<ConsulProcess> {
  const dataDir = join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    consulBinary(),
    ['agent', '-node', name, '-data-dir', dataDir, ...loopbackAgentArgs(ports), ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // The last warnings and errors it printed, for a failure to explain itself.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const agent: ConsulProcess = {
    name,
    httpPort: ports.http,
    serverPort: ports.server,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async kill() {
      if (agent.alive()) child.kill('SIGKILL');
      await exited;
    },
  };
  return agent;
}

/**
 * `consul agent -server -bootstrap-expect 3` × 3 and a client agent, each with its own ports and data directory,
 * joined over Serf; ready once the client agent reports a leader. Raft runs at `raft_multiplier = 1` (Consul's
 * recommendation for production; the default of 5 suits slow development machines), so a lost leader is
 * replaced in seconds.
 */
export async function startConsulServers(dir: string): Promise<ConsulServers> {
  const started: ConsulProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((agent) => agent.kill()));
  };
  try {
    // Every agent's ports chosen together: chosen one agent at a time, a port the previous agent had not bound yet
    // could be handed out again.
    const free = await freePorts(16);
    const portsOf = (index: number): ConsulPorts => {
      const [http, serfLan, serfWan, server] = free.slice(4 * index, 4 * index + 4) as [number, number, number, number];
      return { http, serfLan, serfWan, server };
    };
    started.push(await startAgent(dir, 'server-1', portsOf(0), serverArgs()));
    const join = `127.0.0.1:${portsOf(0).serfLan}`;
    for (const [index, name] of ['server-2', 'server-3'].entries()) {
      started.push(await startAgent(dir, name, portsOf(index + 1), serverArgs(join)));
    }
    const client = await startAgent(dir, 'client-1', portsOf(3), ['-retry-join', join, '-retry-interval', '200ms']);
    started.push(client);
    const servers = started.slice(0, 3);
    const consul: ConsulServers = {
      servers,
      client,
      clientAddress: `127.0.0.1:${client.httpPort}`,
      async leader() {
        try {
          const res = await fetch(`http://127.0.0.1:${client.httpPort}/v1/status/leader`, {
            signal: AbortSignal.timeout(1000),
          });
          const address = (await res.json()) as string;
          return servers.find((s) => s.alive() && address === `127.0.0.1:${s.serverPort}`);
        } catch {
          return undefined;
        }
      },
      stop,
    };
    const deadline = Date.now() + 30_000;
    while (!(await consul.leader())) {
      if (Date.now() > deadline) {
        const said = started.map(
          (agent) => `${agent.name} (${agent.alive() ? 'running' : 'exited'}): ${agent.stderr()}`,
        );
        throw new Error(`the Consul servers elected no leader in 30 s\n${said.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return consul;
  } catch (error) {
    await stop();
    throw error;
  }
}

function serverArgs(join?: string): string[] {
  return [
    '-server',
    '-bootstrap-expect',
    '3',
    '-hcl',
    'performance { raft_multiplier = 1 }',
    ...(join ? ['-retry-join', join, '-retry-interval', '200ms'] : []),
  ];
}
