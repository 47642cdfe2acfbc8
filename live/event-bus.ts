/** A listener of one channel; called once per message, in publication order. */
export type ChannelListener = (message: string) => void;

/**
 * Publish/subscribe between the gateway's replicas: a message published on a channel reaches every replica
 * subscribed to it, the publishing one included. Delivery is at most once: a replica that is disconnected while a
 * message passes misses it (live updates are a hint to refresh, not a log).
 */
export interface EventBus {
  publish(channel: string, message: string): Promise<void>;
  /** Starts delivering the channel's messages to `listener`; the returned function stops it. */
  subscribe(channel: string, listener: ChannelListener): Promise<() => Promise<void>>;
  /** For `/readyz`: where messages go, and whether they can go there now. */
  status(): { backend: 'redis' | 'memory'; healthy: boolean };
  close(): Promise<void>;
}
