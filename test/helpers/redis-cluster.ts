import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort, freePorts } from './free-port';

const run = promisify(execFile);

/** One redis-server of the test's own, in a directory of its own, stopped with SIGKILL. */
export interface RedisNode {
  port: number;
  child: ChildProcess;
  /** SIGKILL (a crash), and wait for the exit. */
  kill(): Promise<void>;
  alive(): boolean;
}

export interface RedisNodeOptions {
  /** Extra `redis-server` options. */
  args?: string[];
  /** A fixed port; a free one by default. */
  port?: number;
  /** Run as a sentinel with this configuration file (which it rewrites). */
  sentinelConfig?: string;
}

/** Starts `redis-server` on a loopback port, keeping nothing on disk, and waits until it answers PING. */
export async function startRedisNode(dir: string, options: RedisNodeOptions = {}): Promise<RedisNode> {
  const port = options.port ?? (await freePort());
  const home = join(dir, `redis-${port}`);
  mkdirSync(home, { recursive: true });
  const common = ['--port', String(port), '--bind', '127.0.0.1', '--dir', home];
  const args = options.sentinelConfig
    ? [options.sentinelConfig, '--sentinel', ...common]
    : [...common, '--save', '', '--appendonly', 'no', ...(options.args ?? [])];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const node: RedisNode = {
    port,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill() {
      if (node.alive()) child.kill('SIGKILL');
      await exited;
    },
  };
  if (!(await answers(port, 10_000))) {
    await node.kill();
    throw new Error(`redis-server ${args.join(' ')} did not start`);
  }
  return node;
}

/** Whether a Redis answers PING on the port within `timeoutMs`. */
export async function answers(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
  return false;
}

/** Runs one command on the Redis at `port` on a connection of its own. */
export async function redisCommand(port: number, command: string, ...args: string[]): Promise<unknown> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  try {
    await client.connect();
    return await client.call(command, ...args);
  } finally {
    client.disconnect();
  }
}

export interface ClusterNodeInfo {
  port: number;
  role: 'master' | 'slave';
  /** The primary's port for a replica. */
  primaryPort?: number;
  /** Slot ranges of a primary, as `[from, to]`. */
  slots: Array<[number, number]>;
  failed: boolean;
}

/** A Redis Cluster on loopback: `primaries` primaries with `replicasPerPrimary` replicas each. */
export interface RedisCluster {
  nodes: RedisNode[];
  /** `host:port,…` of every node, as REDIS_CLUSTER_NODES takes it. */
  seeds: string;
  /** The topology as a live node sees it (`CLUSTER NODES`). */
  topology(): Promise<ClusterNodeInfo[]>;
  /** The live primary serving a slot. */
  primaryOf(slot: number): Promise<number | undefined>;
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  dir: string;
  primaries?: number;
  replicasPerPrimary?: number;
  /** `cluster-node-timeout`: how long a silent primary takes to be failed over. @default 1000 */
  nodeTimeoutMs?: number;
}

/**
 * `redis-server --cluster-enabled yes` × (primaries × (1 + replicas)), joined by `redis-cli --cluster create`,
 * ready once every node reports `cluster_state:ok` and every replica is attached and synced with its primary.
 */
export async function startRedisCluster(options: RedisClusterOptions): Promise<RedisCluster> {
  const primaries = options.primaries ?? 3;
  const replicas = options.replicasPerPrimary ?? 1;
  const count = primaries * (1 + replicas);
  const nodes: RedisNode[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.kill()));
  };
  try {
    for (let i = 0; i < count; i += 1) {
      // The node's port and its bus port, chosen together so they cannot be one port.
      const [port, busPort] = (await freePorts(2)) as [number, number];
      nodes.push(
        await startRedisNode(options.dir, {
          port,
          args: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(options.dir, `nodes-${port}.conf`),
            '--cluster-node-timeout',
            String(options.nodeTimeoutMs ?? 1000),
            '--cluster-port',
            String(busPort),
            // A replica's first full sync starts at once (Redis waits 5 s by default for more replicas to join it).
            '--repl-diskless-sync-delay',
            '0',
          ],
        }),
      );
    }
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run(
      'redis-cli',
      ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes'],
      { timeout: 30_000 },
    );
    const cluster: RedisCluster = {
      nodes,
      seeds: addresses.join(','),
      async topology() {
        const live = nodes.find((n) => n.alive());
        if (!live) return [];
        return parseClusterNodes(String(await redisCommand(live.port, 'CLUSTER', 'NODES')));
      },
      async primaryOf(slot) {
        const topology = await cluster.topology();
        return topology.find(
          (n) => n.role === 'master' && !n.failed && n.slots.some(([from, to]) => slot >= from && slot <= to),
        )?.port;
      },
      stop,
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const states = await Promise.all(nodes.map((n) => redisCommand(n.port, 'CLUSTER', 'INFO')));
      const topology = await cluster.topology();
      const ok = states.every((info) => String(info).includes('cluster_state:ok'));
      const replicaPorts = topology.filter((n) => n.role === 'slave').map((n) => n.port);
      // Synced, not only attached: a replica that never completed its first sync refuses to take over when its
      // primary dies ("disconnected from master for longer than allowed"), and the failover tests then wait in vain.
      const synced = await Promise.all(
        replicaPorts.map(async (port) =>
          String(await redisCommand(port, 'INFO', 'replication')).includes('master_link_status:up'),
        ),
      );
      if (ok && replicaPorts.length === primaries * replicas && synced.every(Boolean)) return cluster;
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `CLUSTER NODES` output: `<id> <ip:port@bus> <flags> <primary id|-> … <slot ranges>`. */
export function parseClusterNodes(text: string): ClusterNodeInfo[] {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(' '));
  const portOf = (address: string) => Number(address.split('@')[0]?.split(':').pop());
  const portById = new Map(lines.map((f) => [f[0] as string, portOf(f[1] as string)]));
  return lines.map((f) => {
    const flags = (f[2] as string).split(',');
    const primaryId = f[3] as string;
    return {
      port: portOf(f[1] as string),
      role: flags.includes('master') ? 'master' : 'slave',
      ...(primaryId !== '-' ? { primaryPort: portById.get(primaryId) as number } : {}),
      slots: f
        .slice(8)
        .filter((range) => !range.startsWith('['))
        .map((range) => {
          const [from, to] = range.split('-').map(Number);
          return [from as number, (to ?? from) as number];
        }),
      failed: flags.includes('fail') || flags.includes('fail?'),
    };
  });
}
