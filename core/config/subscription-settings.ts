import { z } from 'zod';
import { defineSettings, type SettingsOf } from './define-settings';
import { boolean } from './setting-schemas';

/** The bounds of live updates over WebSocket, per replica. */
export interface SubscriptionLimits {
  maxConnections: number;
  maxConnectionsPerUser: number;
  maxPerConnection: number;
  maxPerUser: number;
  maxBufferedBytes: number;
  heartbeatMs: number;
}

const subscriptionEnv = {
  /** Serve GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on `/graphql`. @default true */
  SUBSCRIPTIONS_ENABLED: boolean.default(true),
  /** Open subscription sockets one replica accepts; an upgrade beyond it gets 503. @default 10000 */
  SUBSCRIPTIONS_MAX_SOCKETS: z.coerce.number().int().min(1).default(10_000),
  /** Open subscription sockets of one account on one replica; one more is closed with 4403. @default 10 */
  SUBSCRIPTIONS_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(10),
  /** Subscriptions running on one socket; one more is refused (RATE_LIMITED). @default 20 */
  SUBSCRIPTIONS_MAX_PER_SOCKET: z.coerce.number().int().min(1).default(20),
  /** Subscriptions of one account across its sockets on one replica; one more is refused (RATE_LIMITED). @default 50 */
  SUBSCRIPTIONS_MAX_PER_USER: z.coerce.number().int().min(1).default(50),
  /**
   * Bytes waiting for one socket (unsent frames plus events not yet executed) before the client counts as a slow
   * consumer and its socket is closed with 1013. @default 262144
   */
  SUBSCRIPTIONS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** How often every socket is pinged; a socket without a pong by the next ping is cut, in ms. @default 12000 */
  SUBSCRIPTIONS_HEARTBEAT_MS: z.coerce.number().int().min(100).default(12_000),
};

/** GraphQL subscriptions over WebSocket (src/graphql/subscription-server.ts). */
export const subscriptionSettings = defineSettings({
  env: subscriptionEnv,
  read: (e) => ({
    /** `undefined` = off. */
    subscriptions: e.SUBSCRIPTIONS_ENABLED ? limitsOf(e) : undefined,
  }),
});

function limitsOf(e: SettingsOf<typeof subscriptionEnv>): SubscriptionLimits {
  return {
    maxConnections: e.SUBSCRIPTIONS_MAX_SOCKETS,
    maxConnectionsPerUser: e.SUBSCRIPTIONS_MAX_SOCKETS_PER_USER,
    maxPerConnection: e.SUBSCRIPTIONS_MAX_PER_SOCKET,
    maxPerUser: e.SUBSCRIPTIONS_MAX_PER_USER,
    maxBufferedBytes: e.SUBSCRIPTIONS_MAX_BUFFERED_BYTES,
    heartbeatMs: e.SUBSCRIPTIONS_HEARTBEAT_MS,
  };
}
