import type { RedisClient } from '../cache/redis-client';
import type { RedisTarget } from '../core/config';
import type { Logger } from '../core/logger';
import type { ChannelListener, EventBus } from './event-bus';

export interface RedisEventBusOptions {
  /** Commands: PUBLISH. */
  publisher: RedisClient;
  /** A connection of its own: a subscribed connection takes no other commands. */
  subscriber: RedisClient;
  logger: Logger;
}

/**
 * The bus on Redis pub/sub: one SUBSCRIBE per channel per replica however many clients listen here (the fan-out
 * to them is local), re-issued on every reconnect. Plain PUBLISH reaches every node of a Redis Cluster, so any
 * channel name works there; the names share one hash tag all the same, ready for sharded pub/sub.
 * While Redis is down, publishing fails at once (the caller logs it) and events of that time are lost.
 */
export function createRedisEventBus({ publisher, subscriber, logger }: RedisEventBusOptions): EventBus {
  const channels = new Map<string, Set<ChannelListener>>();

  const onMessage = (channel: string, message: string) => {
    for (const listener of channels.get(channel) ?? []) listener(message);
  };
  subscriber.on('message', onMessage);
  const resubscribe = () => {
    if (channels.size === 0) return;
    subscriber
      .subscribe(...channels.keys())
      .catch((err: unknown) => logger.warn({ err }, 'live updates: could not subscribe'));
  };
  subscriber.on('ready', resubscribe);

  return {
    async publish(channel, message) {
      await publisher.publish(channel, message);
    },
    async subscribe(channel, listener) {
      let listeners = channels.get(channel);
      if (!listeners) {
        channels.set(channel, (listeners = new Set()));
        // Not ready yet: the 'ready' handler subscribes every channel once it is.
        if (subscriber.status === 'ready') await subscriber.subscribe(channel);
      }
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        if (listeners.size > 0 || channels.get(channel) !== listeners) return;
        channels.delete(channel);
        if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(() => undefined);
      };
    },
    status: () => ({ backend: 'redis', healthy: publisher.status === 'ready' && subscriber.status === 'ready' }),
    async close() {
      subscriber.off('message', onMessage);
      subscriber.off('ready', resubscribe);
      channels.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

/**
 * The channel of a topic: the database index is part of the name because pub/sub ignores databases, and two
 * deployments sharing one Redis on different databases must not hear each other's events.
 */
export function liveChannel(redis: RedisTarget | undefined, topic: string): string {
  const db = redis?.kind === 'single' ? Number(new URL(redis.url).pathname.slice(1) || 0) : 0;
  return `{dms-sms:live}:db${Number.isFinite(db) ? db : 0}:${topic}`;
}
