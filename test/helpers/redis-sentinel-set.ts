import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { redisCommand, startRedisNode, type RedisNode } from './redis-cluster';

/** A Sentinel-managed primary on loopback: one primary, one replica, three sentinels (quorum 2). */
export interface RedisSentinelSet {
  /** The primary's name in the sentinels' configuration. */
  name: string;
  primary: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  /** `host:port,…` of the sentinels, as REDIS_SENTINELS takes it. */
  addresses: string;
  /** The primary's port as the first live sentinel reports it. */
  currentPrimaryPort(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export interface RedisSentinelSetOptions {
  dir: string;
  name?: string;
  /** `down-after-milliseconds`: how long a silent primary takes to be considered down. @default 1000 */
  downAfterMs?: number;
  /** `failover-timeout`. @default 3000 */
  failoverTimeoutMs?: number;
}

/**
 * `redis-server` × 2 (the replica with `--replicaof`) and `redis-server <conf> --sentinel` × 3, ready once the
 * replica has synced and every sentinel knows it and the two other sentinels (so a failover can be agreed and has
 * somewhere to go).
 */
export async function startRedisSentinelSet(options: RedisSentinelSetOptions): Promise<RedisSentinelSet> {
  const name = options.name ?? 'dms';
  const started: RedisNode[] = [];
  const stop = async () => {
    await Promise.all(started.map((node) => node.kill()));
  };
  try {
    // A replica's first full sync starts at once (Redis waits 5 s by default for more replicas to join it).
    const primary = await startRedisNode(options.dir, { args: ['--repl-diskless-sync-delay', '0'] });
    started.push(primary);
    const replica = await startRedisNode(options.dir, { args: ['--replicaof', '127.0.0.1', String(primary.port)] });
    started.push(replica);
    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i += 1) {
      const port = await freePort();
      // A sentinel rewrites its configuration file: each gets its own.
      const file = join(options.dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
          `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 3000}`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = await startRedisNode(options.dir, { port, sentinelConfig: file });
      sentinels.push(sentinel);
      started.push(sentinel);
    }
    const set: RedisSentinelSet = {
      name,
      primary,
      replica,
      sentinels,
      addresses: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
      async currentPrimaryPort() {
        for (const sentinel of sentinels.filter((s) => s.alive())) {
          try {
            const reply = (await redisCommand(sentinel.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as string[];
            return Number(reply[1]);
          } catch {
            // try the next one
          }
        }
        return undefined;
      },
      stop,
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const views = await Promise.all(
        sentinels.map(async (s) => ({
          replicas: ((await redisCommand(s.port, 'SENTINEL', 'REPLICAS', name)) as unknown[]).length,
          others: ((await redisCommand(s.port, 'SENTINEL', 'SENTINELS', name)) as unknown[]).length,
        })),
      );
      // The replica synced, not only known: one that never completed its first sync is not promoted.
      const synced = String(await redisCommand(replica.port, 'INFO', 'replication')).includes('master_link_status:up');
      if (synced && views.every((v) => v.replicas === 1 && v.others === 2)) return set;
      if (Date.now() > deadline) throw new Error(`the sentinels did not find each other: ${JSON.stringify(views)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
