import { ErrorCode } from '../core/error-codes';
import { GatewayError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { EventBus } from './event-bus';
import { concerns } from './event-audience';
import { createEventStream, type EventStream } from './event-stream';
import { decodeEvent, encodeEvent, LIVE_TOPICS, type LiveEvent, type LiveTopic } from './live-events';
import { LIVE_FIELDS, type LiveField } from './live-fields';
import type { LiveMetrics } from './live-metrics';
import type { Subscriber } from './subscriber';

export interface LiveLimits {
  /** Subscriptions running on one connection. */
  maxPerConnection: number;
  /** Subscriptions of one account on this replica, across its connections. */
  maxPerUser: number;
  /** Bytes one connection may hold unsent (socket buffer plus queued events) before it is dropped. */
  maxBufferedBytes: number;
}

/** What the hub needs of one socket. */
export interface LiveSocket {
  /** Bytes written to the socket and not yet sent. */
  bufferedAmount(): number;
  /** Closes the socket of a slow consumer (its streams are ended by the hub). */
  drop(): void;
}

/** The subscriptions of one connection, as its resolvers see them (`GraphQLContext.live`). */
export interface LiveStreams {
  /**
   * The events of `field` this subscriber may read, in order. Takes the slot `reserve()` kept, if any; without
   * one it checks the limits itself and throws the refusal when one is reached.
   */
  stream(field: LiveField, args: Readonly<Record<string, unknown>>): AsyncIterableIterator<LiveEvent>;
}

export interface LiveConnection extends LiveStreams {
  readonly subscriber: Subscriber;
  /**
   * Keeps a slot for a subscription about to start (a subscribe message admitted), so that subscribe messages
   * handled at the same time cannot all pass the limits: the refusal when a limit is reached, else undefined.
   */
  reserve(): GatewayError | undefined;
  /** Gives back a kept slot no stream took (the subscription failed before its stream started). */
  release(): void;
  /** Ends every stream of the connection and gives back its slots (its socket closed). */
  close(): void;
}

export interface LiveHub {
  /** Listens to every topic on the bus; events published before this are not delivered here. */
  start(): Promise<void>;
  connect(subscriber: Subscriber, socket: LiveSocket): LiveConnection;
  /** Sends an event to every replica's subscribers, this one's included. */
  publish(event: LiveEvent): Promise<void>;
  close(): Promise<void>;
}

export interface LiveHubOptions {
  bus: EventBus;
  /** The bus channel of a topic. */
  channelOf(topic: LiveTopic): string;
  limits: LiveLimits;
  logger: Logger;
  metrics: LiveMetrics;
}

interface ConnectionState {
  subscriber: Subscriber;
  socket: LiveSocket;
  subscriptions: Set<Subscription>;
  dropped: boolean;
}

interface Subscription {
  field: LiveField;
  args: Readonly<Record<string, unknown>>;
  connection: ConnectionState;
  stream: EventStream;
  /** The decisions still running, in arrival order, so events reach the stream in the order they came. */
  deciding: Promise<void>;
  decidingBytes: number;
  decidingCount: number;
}

const refusal = (message: string, reason: string, limit: number) =>
  new GatewayError(ErrorCode.RATE_LIMITED, message, { details: { reason, limit } });

/**
 * One replica's side of the live updates: one bus subscription per topic, fanned out to the local subscriptions,
 * each event judged per subscriber by `concerns` (in arrival order per subscription) and queued for its executor.
 * A connection whose unsent bytes pass the limit is a slow consumer: it is dropped, not buffered for.
 */
export function createLiveHub({ bus, channelOf, limits, logger, metrics }: LiveHubOptions): LiveHub {
  const log = logger.child({ component: 'live' });
  const byTopic = new Map<LiveTopic, Set<Subscription>>(LIVE_TOPICS.map((topic) => [topic, new Set()]));
  const perUser = new Map<string, number>();
  const stops: Array<() => Promise<void>> = [];

  const pendingBytes = (connection: ConnectionState) => {
    let bytes = connection.socket.bufferedAmount();
    for (const subscription of connection.subscriptions)
      bytes += subscription.stream.queuedBytes + subscription.decidingBytes;
    return bytes;
  };

  const drop = (connection: ConnectionState) => {
    connection.dropped = true;
    let lost = 1;
    for (const subscription of connection.subscriptions)
      lost += subscription.stream.queuedCount + subscription.decidingCount;
    metrics.eventsDropped('slow_consumer', lost);
    log.warn({ account: connection.subscriber.caller.uuid, lost }, 'live updates: slow consumer dropped');
    connection.socket.drop();
    // Its queued events go now, not when the peer gets round to the close.
    for (const subscription of [...connection.subscriptions]) subscription.stream.end();
  };

  const offer = (subscription: Subscription, event: LiveEvent, bytes: number) => {
    const { connection } = subscription;
    if (connection.dropped) return;
    if (pendingBytes(connection) + bytes > limits.maxBufferedBytes) return drop(connection);
    subscription.decidingBytes += bytes;
    subscription.decidingCount += 1;
    subscription.deciding = subscription.deciding.then(async () => {
      let deliver = false;
      try {
        deliver = await concerns(subscription.field, subscription.args, event, connection.subscriber);
      } catch (err) {
        // A fact about the subscriber could not be read: no delivery (never on a guess).
        log.warn({ err, field: subscription.field }, 'live updates: could not judge an event');
      }
      subscription.decidingBytes -= bytes;
      subscription.decidingCount -= 1;
      if (deliver) subscription.stream.push(event, bytes);
    });
  };

  const onMessage = (topic: LiveTopic) => (message: string) => {
    const event = decodeEvent(message);
    if (!event || event.topic !== topic) {
      log.warn({ topic }, 'live updates: a message that is not an event was ignored');
      return;
    }
    const bytes = Buffer.byteLength(message);
    for (const subscription of byTopic.get(topic) ?? []) offer(subscription, event, bytes);
  };

  return {
    async start() {
      for (const topic of LIVE_TOPICS) stops.push(await bus.subscribe(channelOf(topic), onMessage(topic)));
    },
    connect(subscriber, socket) {
      const connection: ConnectionState = { subscriber, socket, subscriptions: new Set(), dropped: false };
      const uuid = subscriber.caller.uuid;
      /** Slots kept by `reserve()` and not yet taken by a stream; they count as running subscriptions. */
      let reserved = 0;
      const countUser = (delta: number) => {
        const count = (perUser.get(uuid) ?? 0) + delta;
        if (count > 0) perUser.set(uuid, count);
        else perUser.delete(uuid);
      };
      const refusalNow = () => {
        if (connection.subscriptions.size + reserved >= limits.maxPerConnection) {
          return refusal(
            `at most ${limits.maxPerConnection} subscriptions may run on one connection`,
            'SUBSCRIPTIONS_PER_SOCKET',
            limits.maxPerConnection,
          );
        }
        if ((perUser.get(uuid) ?? 0) >= limits.maxPerUser) {
          return refusal(
            `at most ${limits.maxPerUser} subscriptions may run for one account`,
            'SUBSCRIPTIONS_PER_ACCOUNT',
            limits.maxPerUser,
          );
        }
        return undefined;
      };
      return {
        subscriber,
        reserve() {
          const refused = refusalNow();
          if (refused) return refused;
          reserved += 1;
          countUser(1);
          return undefined;
        },
        release() {
          if (reserved === 0) return;
          reserved -= 1;
          countUser(-1);
        },
        stream(field, args) {
          if (reserved > 0) reserved -= 1;
          else {
            const refused = refusalNow();
            if (refused) throw refused;
            countUser(1);
          }
          const topic = LIVE_FIELDS[field];
          const subscription: Subscription = {
            field,
            args,
            connection,
            stream: createEventStream(() => {
              byTopic.get(topic)?.delete(subscription);
              connection.subscriptions.delete(subscription);
              countUser(-1);
              metrics.subscriptionClosed(field);
            }),
            deciding: Promise.resolve(),
            decidingBytes: 0,
            decidingCount: 0,
          };
          byTopic.get(topic)?.add(subscription);
          connection.subscriptions.add(subscription);
          metrics.subscriptionOpened(field);
          return subscription.stream;
        },
        close() {
          for (const subscription of [...connection.subscriptions]) subscription.stream.end();
          countUser(-reserved);
          reserved = 0;
        },
      };
    },
    async publish(event) {
      await bus.publish(channelOf(event.topic), encodeEvent(event));
    },
    async close() {
      for (const stop of stops.splice(0)) await stop().catch(() => undefined);
      for (const subscriptions of byTopic.values())
        for (const subscription of [...subscriptions]) subscription.stream.end();
    },
  };
}
