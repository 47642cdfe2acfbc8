import type { ChannelListener, EventBus } from './event-bus';

/**
 * The in-process twin of the Redis bus, for a single replica (no REDIS_URL) and unit tests. Messages are delivered
 * on a later tick, as from Redis, so a publisher never runs its subscribers' work inside its own call.
 */
export function createMemoryEventBus(): EventBus {
  const channels = new Map<string, Set<ChannelListener>>();
  return {
    async publish(channel, message) {
      // The listeners subscribed at publication get it, as with Redis.
      const listeners = [...(channels.get(channel) ?? [])];
      if (listeners.length === 0) return;
      setImmediate(() => {
        for (const listener of listeners) listener(message);
      });
    },
    async subscribe(channel, listener) {
      let listeners = channels.get(channel);
      if (!listeners) channels.set(channel, (listeners = new Set()));
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        if (listeners.size === 0) channels.delete(channel);
      };
    },
    status: () => ({ backend: 'memory', healthy: true }),
    async close() {
      channels.clear();
    },
  };
}
