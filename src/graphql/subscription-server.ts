import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, Kind, getOperationAST, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { makeServer } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessTokens, Caller, TokenSession } from '../../core/access-tokens';
import type { SubscriptionLimits } from '../../core/config';
import { ErrorCode, UnavailableReason } from '../../core/error-codes';
import { ForbiddenError, GatewayError, ServiceUnavailableError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { publicErrorOf, type ErrorExposure } from '../../core/public-errors';
import type { LiveConnection, LiveHub } from '../../live/live-hub';
import { isLiveField, type LiveField } from '../../live/live-fields';
import type { LiveMetrics, RefusalReason } from '../../live/live-metrics';
import { createSubscriber, type SubscriberReads } from '../../live/subscriber';
import { wrapParentRuleFields } from '../../permissions/parent-rule-fields';
import { errorCodeOf } from '../telemetry/apollo-telemetry';
import type { GraphQLContext } from '../context';
import { requestIdOf } from '../../http/request-id';
import { subscribeEachEvent } from './event-execution';
import { createFormatError } from './format-error';
import type { RequestLimits } from './request-limits';
import { createSubscriptionAdmission } from './subscription-admission';
import { serveGraphqlWs, type SocketExtra } from './ws-transport';

/** Close codes of the gateway's own making (graphql-ws' codes for the protocol's). */
export const LIVE_CLOSE = {
  /** Missing, malformed, forged or expired token at `connection_init`, or the token expired on an open socket. */
  unauthenticated: 4401,
  /** A valid token the gateway will not take another socket for (the account's sockets are at their limit). */
  forbidden: 4403,
  /** The gateway is shutting down: reconnect (to another replica). */
  goingAway: 1001,
  /** A slow consumer: more bytes waited for the socket than allowed. Reconnect and catch up with a query. */
  tryAgainLater: 1013,
} as const;

/** How long a dropped slow consumer has to read up to the close frame before its socket is cut. */
const SLOW_CONSUMER_CLOSE_WAIT_MS = 5000;
/** The longest a drain waits for peers to answer the 1001 close before their sockets are cut. */
const CLOSE_WAIT_MS = 2000;
/** setTimeout's limit (about 24.8 days; tokens live 7 days at most). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  hub: LiveHub;
  tokens: AccessTokens;
  limits: SubscriptionLimits;
  /** The HTTP path's operation limits (tokens, depth, cost, aliases, directives, safelist). */
  requestLimits: RequestLimits;
  /** CORS_ORIGINS: a browser's upgrade from another origin is refused. */
  corsOrigins: readonly string[];
  /** Largest message a client may send. */
  maxMessageBytes: number;
  logger: Logger;
  metrics: LiveMetrics;
  exposure: ErrorExposure;
  /** A fresh context for the subscriber: once per subscription, once per event. */
  contextFor(requestId: string, caller: Caller, ip: string): GraphQLContext;
  /** The reads that decide a subscriber's events, as the subscriber. */
  readsAs(caller: Caller): SubscriberReads;
  clientIp(req: IncomingMessage): string;
  /** The flood guard: counts the upgrade as a request; its refusal (429, 403 while blocked), if any. */
  floodGuard(req: IncomingMessage): GatewayError | undefined;
}

export interface SubscriptionServer {
  /** The HTTP server's `upgrade` listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Refuses new upgrades and closes every socket with 1001; resolves once they are gone. A peer that does not
   * answer the close within `min(graceMs, 2 s)` is cut, so the HTTP drain never waits on a socket.
   */
  drain(graceMs: number): Promise<void>;
  readonly connections: number;
}

interface Connection {
  caller: Caller;
  ip: string;
  live: LiveConnection;
  expiry: NodeJS.Timeout;
  /** The field of each running operation, by operation id (metrics). */
  fields: Map<string, LiveField>;
}

type Extra = SocketExtra & { readonly ip: string; connection?: Connection };

/** `connection_init`'s `authorization` (any case: Sandbox and GraphiQL send their Headers tab as the payload). */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  for (const [key, value] of Object.entries(params ?? {})) {
    if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return undefined;
}

function rootFieldOf(document: Parameters<typeof getOperationAST>[0], name?: string | null): LiveField | undefined {
  const selection = getOperationAST(document, name)?.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD && isLiveField(selection.name.value) ? selection.name.value : undefined;
}

/** An upgrade refused before it became a WebSocket: a plain HTTP answer, a GraphQL error body as on POST. */
export function answerUpgrade(socket: Duplex, requestId: string, error: GatewayError, exposure: ErrorExposure): void {
  const view = publicErrorOf(error, exposure);
  const body = JSON.stringify({ errors: [{ message: view.message, extensions: view.extensions }] });
  const head = [
    `HTTP/1.1 ${view.status} ${STATUS_CODES[view.status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    ...(view.retryAfterSeconds === undefined ? [] : [`Retry-After: ${view.retryAfterSeconds}`]),
  ];
  socket.once('error', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * GraphQL subscriptions over WebSocket on the gateway's port: graphql-ws' server (`graphql-transport-ws`) on a
 * `ws` server that shares the HTTP server. An upgrade passes what a request passes (the drain, the flood guard,
 * the CORS origins, a connection limit); `connection_init` carries the token, verified as on HTTP; each
 * subscription passes the query path's limits and authorization; events come from the live hub, judged per
 * subscriber, and execute each with a fresh context as the subscriber.
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { hub, tokens, limits, metrics, logger } = options;
  const log = logger.child({ component: 'subscriptions' });
  const schema = wrapParentRuleFields(options.schema);
  const admit = createSubscriptionAdmission(schema, options.requestLimits);
  const formatError = createFormatError(options.exposure, { hideSuggestions: !options.requestLimits.introspection });
  // Every error sent as "Unexpected error." is logged with its facts, as the HTTP path's telemetry hooks do.
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      if (errorCodeOf(error) === ErrorCode.INTERNAL_SERVER_ERROR) {
        log.error({ err: error.originalError ?? error, path: error.path }, 'answered "Unexpected error."');
      }
      return formatError(error.toJSON(), error);
    });
  const anyOrigin = options.corsOrigins.includes('*');
  const origins = new Set(options.corsOrigins);
  const socketsPerUser = new Map<string, number>();
  /** Each admitted subscription's context → its connection and the maker of its events' contexts. */
  const admittedBy = new WeakMap<object, { connection: Connection; eventContext: () => GraphQLContext }>();
  let draining = false;

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  wss.on('connection', () => metrics.connectionOpened());

  const refuseSocket = (socket: WebSocket, code: number, reason: string, why: RefusalReason) => {
    metrics.refused(why);
    socket.close(code, reason);
  };

  const protocol = makeServer<Record<string, unknown>, Extra>({
    schema,
    async onConnect(ctx) {
      const { socket, ip } = ctx.extra;
      let session: TokenSession;
      try {
        session = tokens.sessionOf(authorizationOf(ctx.connectionParams));
      } catch (error) {
        const reason = error instanceof GatewayError ? error.message : 'invalid token';
        refuseSocket(socket, LIVE_CLOSE.unauthenticated, reason, 'unauthenticated');
        return false;
      }
      const { caller } = session;
      const open = socketsPerUser.get(caller.uuid) ?? 0;
      if (open >= limits.maxConnectionsPerUser) {
        const reason = `at most ${limits.maxConnectionsPerUser} sockets per account`;
        refuseSocket(socket, LIVE_CLOSE.forbidden, reason, 'too_many_sockets_per_user');
        return false;
      }
      socketsPerUser.set(caller.uuid, open + 1);
      const live = hub.connect(createSubscriber(caller, options.readsAs(caller)), {
        bufferedAmount: () => socket.bufferedAmount,
        drop() {
          // The close frame waits behind what the peer has not read: a peer that does not read it soon is cut.
          socket.close(LIVE_CLOSE.tryAgainLater, 'slow consumer');
          setTimeout(() => socket.terminate(), SLOW_CONSUMER_CLOSE_WAIT_MS).unref();
        },
      });
      // The socket lives as long as its token would be accepted on HTTP, not a moment longer.
      const untilExpiry = Math.min(Math.max(session.acceptedUntil * 1000 - Date.now(), 0), MAX_TIMER_MS);
      const expiry = setTimeout(
        () => refuseSocket(socket, LIVE_CLOSE.unauthenticated, 'token expired', 'token_expired'),
        untilExpiry,
      );
      ctx.extra.connection = { caller, ip, live, expiry, fields: new Map() };
      return true;
    },
    async onSubscribe(ctx, id, payload) {
      const connection = ctx.extra.connection as Connection; // set by onConnect: no subscribe before the ack
      const context = options.contextFor(randomUUID(), connection.caller, connection.ip);
      context.live = connection.live;
      const admitted = await admit(payload, context);
      if (Array.isArray(admitted)) return admitted as GraphQLError[];
      // Last, and synchronously up to the stream's start: the slot is kept until the stream takes it.
      const refused = connection.live.reserve();
      if (refused) return [new GraphQLError(refused.message, { originalError: refused })];
      const args = admitted as Exclude<typeof admitted, readonly GraphQLError[]>;
      const field = rootFieldOf(args.document, args.operationName);
      if (field) connection.fields.set(id, field);
      admittedBy.set(context, {
        connection,
        eventContext: () => options.contextFor(randomUUID(), connection.caller, connection.ip),
      });
      return args;
    },
    async subscribe(args) {
      const admitted = admittedBy.get(args.contextValue as object);
      if (!admitted) throw new Error('a subscription that was not admitted');
      const result = await subscribeEachEvent(args, admitted.eventContext);
      // No stream started (variables that do not coerce, say): the slot kept for it goes back.
      if (!(Symbol.asyncIterator in result)) admitted.connection.live.release();
      return result;
    },
    onNext(ctx, id, _payload, _args, result: ExecutionResult) {
      const field = ctx.extra.connection?.fields.get(id);
      // A result without `data` is a refusal before any event (a limit reached as the stream started).
      if (field && 'data' in result) {
        if (result.data == null) metrics.eventsDropped('execution_failed', 1);
        else metrics.eventSent(field);
      }
      return result.errors ? { ...result, errors: format(result.errors) } : undefined;
    },
    onError: (_ctx, _id, _payload, errors) => format(errors),
    onComplete(ctx, id) {
      ctx.extra.connection?.fields.delete(id);
    },
    onClose(ctx, code, reason) {
      metrics.connectionClosed();
      const connection = ctx.extra.connection;
      if (!connection) return;
      clearTimeout(connection.expiry);
      connection.live.close();
      const left = (socketsPerUser.get(connection.caller.uuid) ?? 1) - 1;
      if (left > 0) socketsPerUser.set(connection.caller.uuid, left);
      else socketsPerUser.delete(connection.caller.uuid);
      log.debug({ account: connection.caller.uuid, code, reason }, 'subscription socket closed');
    },
  });
  serveGraphqlWs(wss, protocol, {
    heartbeatMs: limits.heartbeatMs,
    logger: log,
    extraOf: (socket, request): Extra => ({ socket, ip: options.clientIp(request) }),
  });

  const refuseUpgrade = (socket: Duplex, requestId: string, error: GatewayError, why?: RefusalReason) => {
    if (why) metrics.refused(why);
    answerUpgrade(socket, requestId, error, options.exposure);
  };

  return {
    handleUpgrade(req, socket, head) {
      const requestId = requestIdOf(req.headers);
      const path = new URL(req.url ?? '/', 'http://gateway').pathname.replace(/\/+$/, '');
      if (path !== '/graphql')
        return refuseUpgrade(socket, requestId, new GatewayError(ErrorCode.NOT_FOUND, 'not found'));
      if (draining) {
        const error = new ServiceUnavailableError(UnavailableReason.SHEDDING, 'the gateway is shutting down', {
          retryAfterSeconds: 1,
        });
        return refuseUpgrade(socket, requestId, error, 'draining');
      }
      const flood = options.floodGuard(req);
      if (flood) return refuseUpgrade(socket, requestId, flood, 'blocked');
      const origin = req.headers.origin;
      if (origin !== undefined && !anyOrigin && !origins.has(origin)) {
        return refuseUpgrade(socket, requestId, new ForbiddenError('this origin may not open a socket'), 'origin');
      }
      if (wss.clients.size >= limits.maxConnections) {
        const error = new ServiceUnavailableError(UnavailableReason.SHEDDING, 'too many subscription sockets', {
          retryAfterSeconds: 5,
        });
        return refuseUpgrade(socket, requestId, error, 'too_many_sockets');
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async drain(graceMs) {
      draining = true;
      const sockets = [...wss.clients];
      const closed = sockets.map((socket) => new Promise((resolve) => socket.once('close', resolve)));
      for (const socket of sockets) socket.close(LIVE_CLOSE.goingAway, 'the gateway is shutting down');
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise((resolve) => (timer = setTimeout(resolve, Math.min(graceMs, CLOSE_WAIT_MS))));
      await Promise.race([Promise.all(closed), waited]);
      clearTimeout(timer);
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
    get connections() {
      return wss.clients.size;
    },
  };
}
