import type Redis from 'ioredis';
import type { Logger } from '../core/logger';
import type { IpBlocks, MemoryIpBlocks } from './ip-blocks';

export interface RedisIpBlocksOptions {
  /** Commands: SET/PUBLISH/SCAN/PTTL. */
  redis: Redis;
  /** A connection of its own for SUBSCRIBE (a subscribed connection takes no other commands). */
  subscriber: Redis;
  local: MemoryIpBlocks;
  logger: Logger;
  /** Namespace of the block keys and the channel. @default "traffic:" */
  prefix?: string;
}

/**
 * Blocks shared through Redis: a block is a key with the block's TTL (`traffic:block:<ip>`, so Redis forgets it
 * by itself) and a message on `traffic:blocks`, which every replica applies to its local map at once. A replica
 * that starts, or reconnects after an outage, reads the live block keys with SCAN (never KEYS). While Redis is
 * down blocks stay local to the replica that made them.
 */
export function createRedisIpBlocks(options: RedisIpBlocksOptions): IpBlocks & { synced(): Promise<void> } {
  const { redis, subscriber, local, logger } = options;
  const prefix = options.prefix ?? 'traffic:';
  const keyPrefix = `${prefix}block:`;
  const channel = `${prefix}blocks`;

  let sync: Promise<void> = Promise.resolve();
  const loadBlocks = async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length === 0) continue;
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      keys.forEach((key, i) => {
        const ttl = ttls[i] ?? 0;
        if (ttl > 0) local.record(key.slice(keyPrefix.length), ttl);
      });
    } while (cursor !== '0');
  };
  const resync = () => {
    sync = loadBlocks().catch((err: unknown) => logger.warn({ err }, 'could not read the shared IP blocks'));
  };
  redis.on('ready', resync);
  if (redis.status === 'ready') resync();

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
        .then(() =>
          redis
            .multi()
            .set(keyPrefix + ip, '1', 'PX', ms)
            .publish(channel, `${ip} ${ms}`)
            .exec(),
        )
        .catch((err: unknown) => logger.warn({ err, ip }, 'could not share an IP block'));
    },
    synced: () => sync,
    async close() {
      redis.off('ready', resync);
      subscriber.off('ready', subscribe);
      subscriber.off('message', onMessage);
      await local.close();
    },
  };
}
