import type { RedisClient } from '../cache/redis-client';
import { defineRedisScript } from '../cache/redis-script';
import type { Logger } from '../core/logger';
import type { IpBlocks, MemoryIpBlocks } from './ip-blocks';

export interface RedisIpBlocksOptions {
  /** Runs the block and load scripts. */
  redis: RedisClient;
  /** A connection of its own for SUBSCRIBE (a subscribed connection takes no other commands). */
  subscriber: RedisClient;
  local: MemoryIpBlocks;
  logger: Logger;
  /** Namespace of the block set and the channel. @default "traffic:" */
  prefix?: string;
  /** How often the live blocks are read again, for messages a reconnecting subscriber missed, in ms. @default 10000 */
  resyncIntervalMs?: number;
}

// KEYS: the block set. ARGV: ip, ms, channel. Records the block until Redis time + ms (a longer block already
// recorded stays), drops the blocks that ended, keeps the set until its last block ends, and announces it.
const BLOCK = defineRedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'GT', now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now))
redis.call('PUBLISH', ARGV[3], ARGV[1] .. ' ' .. ARGV[2])
return 1
`);

// KEYS: the block set. Returns Redis time (ms) and the live blocks with their end times.
const LOAD = defineRedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return {string.format('%.0f', now), redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES')}
`);

/**
 * Blocks shared through Redis: every block is a member of one sorted set (`traffic:blocked`, scored by when it
 * ends on Redis' clock) and a message on `traffic:blocks`, which every replica applies to its local map at once.
 * A replica that starts or reconnects, and every replica every few seconds, reads the live blocks from the set.
 * One key and a script on it work the same on one Redis and on a Cluster (where a message published on any node
 * reaches subscribers on every node); per-address keys would need SCAN, which on a Cluster sees one node only.
 * While Redis is down blocks stay local to the replica that made them.
 */
export function createRedisIpBlocks(options: RedisIpBlocksOptions): IpBlocks & { synced(): Promise<void> } {
  const { redis, subscriber, local, logger } = options;
  const prefix = options.prefix ?? 'traffic:';
  const setKey = `${prefix}blocked`;
  const channel = `${prefix}blocks`;

  let sync: Promise<void> = Promise.resolve();
  const loadBlocks = async () => {
    const [now, flat] = (await LOAD.run(redis, [setKey], [])) as [string, string[]];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const left = Number(flat[i + 1]) - Number(now);
      if (left > 0) local.record(flat[i] as string, left);
    }
  };
  const resync = () => {
    if (redis.status !== 'ready') return;
    sync = loadBlocks().catch((err: unknown) => logger.warn({ err }, 'could not read the shared IP blocks'));
  };
  redis.on('ready', resync);
  resync();
  const timer = setInterval(resync, options.resyncIntervalMs ?? 10_000);
  timer.unref();

  const onMessage = (from: string, message: string) => {
    if (from !== channel) return;
    const space = message.lastIndexOf(' ');
    const ms = Number(message.slice(space + 1));
    if (space > 0 && ms > 0) local.record(message.slice(0, space), ms);
  };
  subscriber.on('message', onMessage);
  // Subscribing again on every reconnect is harmless and covers a subscription lost with the connection.
  const subscribe = () =>
    void subscriber
      .subscribe(channel)
      .catch((err: unknown) => logger.warn({ err }, 'could not subscribe to IP blocks'));
  subscriber.on('ready', subscribe);
  if (subscriber.status === 'ready') subscribe();

  return {
    blockedFor: (ip) => local.blockedFor(ip),
    block(ip, ms) {
      local.block(ip, ms);
      Promise.resolve()
        .then(() => BLOCK.run(redis, [setKey], [ip, Math.max(1, Math.round(ms)), channel]))
        .catch((err: unknown) => logger.warn({ err, ip }, 'could not share an IP block'));
    },
    synced: () => sync,
    async close() {
      clearInterval(timer);
      redis.off('ready', resync);
      subscriber.off('ready', subscribe);
      subscriber.off('message', onMessage);
      await local.close();
    },
  };
}
