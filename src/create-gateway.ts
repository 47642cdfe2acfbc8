import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createAccessTokens, type Caller } from '../core/access-tokens';
import { ErrorCode } from '../core/error-codes';
import { GatewayError } from '../core/errors';
import type { Config, ServiceName } from '../core/config';
import { SERVICE_NAMES } from '../core/config';
import { createCloseStack } from '../core/close-stack';
import type { Logger } from '../core/logger';
import { createMetricsRegistry, type Registry } from '../core/metrics-registry';
import { projectRoot } from '../core/project-root';
import type { HealthChecker } from '../health-checker/create-health-checker';
import type { ServiceRegistry } from '../discovery/service-registry';
import { createInstanceBreakers, type BreakerListener } from '../resilience/instance-breakers';
import { silentBreakerListener } from '../resilience/consul-check-reporter';
import { createConsulChangeHandler } from '../rest/infrastructure/consul-change';
import { registerRestRoutes } from '../rest/register-rest-routes';
import { createRestGuards } from '../rest/create-rest-guards';
import { createRestResponseCache } from '../rest/rest-response-cache';
import { REST_ROUTES } from '../rest/routes';
import { createRequestSecurity } from '../rest/request-security';
import { naverRoutes } from '../rest/naver/naver-routes';
import { createHttpNaverLocalSearch, createMemoryNaverLocalSearch } from '../rest/naver/naver-local-search';
import { readBody } from '../http/read-body';
import { createChannelPool } from '../grpc-clients/channel-pool';
import { createLoaders } from '../grpc-clients/loaders';
import { createLazyServiceClients, createServiceClients } from '../grpc-clients/service-clients';
import { RequestContext, type GraphQLContext } from './context';
import { startApolloServer } from './graphql/apollo-server';
import { handleGraphQL, type GraphQLRouteOptions } from './graphql/graphql-route';
import { registerGraphiQL } from './graphql/graphiql-route';
import { createHttpServer } from '../http/http-server';
import { createCorsGuard } from '../http/cors-guard';
import { createLoadShedder } from '../http/load-shedding';
import { createGracefulDrain } from '../http/graceful-drain';
import { chainObservers } from '../http/request-observer';
import type { RequestRecord } from './telemetry/request-record';
import { traceRedisCommands } from './telemetry/redis-tracing';
import { createTelemetry, type Telemetry } from './telemetry/telemetry';
import { createTrafficControl } from '../traffic/traffic-control';
import { openResponseCache } from '../cache/open-response-cache';
import { createRedisClient, createRedisSubscriber, type RedisClient } from '../cache/redis-client';
import { createRedisPersistedQueries } from '../cache/redis-persisted-queries';
import { createWritePort } from '../cache/write-port';
import type { EventBus } from '../live/event-bus';
import { createLiveHub, type LiveHub } from '../live/live-hub';
import { createMemoryEventBus } from '../live/memory-event-bus';
import { createRedisEventBus, liveChannel } from '../live/redis-event-bus';
import type { SubscriberReads } from '../live/subscriber';
import { createWriteEvents, type ReadAs } from '../live/write-events';
import { createExecutableSchema } from './graphql/executable-schema';
import { answerUpgrade, createSubscriptionServer } from './graphql/subscription-server';
import { requestIdOf } from '../http/request-id';
import { createLiveMetrics } from './telemetry/live-metrics';
import { sendJson } from '../http/send-json';
import { graphqlResponder } from '../http/responders';

/** A fast-path hit skips Apollo, so the request's log line and metrics learn its operation here. */
function cacheHitRecorder(
  fastPath: NonNullable<GraphQLRouteOptions['beforeExecution']>,
): NonNullable<GraphQLRouteOptions['beforeExecution']> {
  return async (req, res, body, context) => {
    const hit = await fastPath(req, res, body, context);
    const record = (context as GraphQLContext).record;
    if (hit && record) {
      const request = body as { operationName?: unknown; query?: unknown } | undefined;
      // The operation's own name when the request does not say it (a cached document has one operation).
      const named =
        typeof request?.query === 'string'
          ? /^\s*query\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(request.query)?.[1]
          : undefined;
      const name = typeof request?.operationName === 'string' && request.operationName ? request.operationName : named;
      record.operation = { name: name ?? 'anonymous', type: 'query' };
    }
    return hit;
  };
}

/** The caller on the request's record, for its access line and span. */
function recordCaller(record: RequestRecord | undefined, caller: Caller): void {
  if (record) record.caller = { uuid: caller.uuid, role: caller.role };
}

/** The development secret used when JWT_SECRET_KEY is unset outside production. */
export const DEVELOPMENT_JWT_SECRET = 'dms-sms-development-secret-do-not-use-in-production';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  registry: ServiceRegistry;
  /** Who hears about breaker state changes (the Consul check reporter); nobody by default. */
  breakerListener?: BreakerListener;
  /** The embedded active health checker (HEALTH_CHECKER_ENABLED): serves `GET /health/instances`. Owned by the caller. */
  healthChecker?: Pick<HealthChecker, 'snapshot'>;
  /** Where `/metrics` reads from; a fresh registry by default (an embedded health checker registers on it too). */
  metricsRegistry?: Registry;
  /** Tests: spans go here as they end, with or without OTLP. */
  spanExporter?: SpanExporter;
}

export interface Gateway {
  server: Server;
  telemetry: Telemetry;
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Wires the whole gateway: registry → channels → clients → Apollo/envelop → HTTP routes. */
export async function createGateway({
  config,
  logger,
  registry,
  breakerListener = silentBreakerListener,
  healthChecker,
  metricsRegistry = createMetricsRegistry(),
  spanExporter,
}: GatewayOptions): Promise<Gateway> {
  if (!config.jwtSecret) logger.warn('JWT_SECRET_KEY is unset: using the development secret');
  // Every long-lived resource is handed to this stack as it is created; close() drains, then closes them last first.
  const resources = createCloseStack((err) => logger.error({ err }, 'a resource failed to close'));
  const tokens = createAccessTokens(config.jwtSecret ?? DEVELOPMENT_JWT_SECRET);
  // Telemetry first (and closed last): everything after it may log, count and trace.
  const telemetry = createTelemetry({
    logger,
    registry: metricsRegistry,
    ...config.telemetry,
    ...(spanExporter ? { spanExporter } : {}),
    breakerStates: () =>
      SERVICE_NAMES.flatMap((service) =>
        registry.instances(service).map((i) => ({ service, instance: i.id, state: breakers.stateOf(service, i.id) })),
      ),
  });
  resources.defer(() => telemetry.close());
  // The registry it is given is closed by the gateway, after everything built on it (telemetry reads it at scrape).
  resources.defer(() => registry.close());
  const channels = createChannelPool();
  resources.defer(() => channels.close());
  const breakers = createInstanceBreakers(logger, breakerListener, config.breaker);
  resources.defer(() => breakers.close());
  // A span per Redis command while a request is traced (cache lookups, limiter hits).
  const instrumentRedis = (client: RedisClient) => traceRedisCommands(client, telemetry.tracing.tracer);
  // Rate limits and the flood guard: on Redis when configured, shared by every replica.
  const traffic = createTrafficControl({
    settings: config.traffic,
    redis: config.redis,
    logger,
    events: telemetry.metrics,
    instrumentRedis,
  });
  resources.defer(() => traffic.close());
  const deps = { registry, channels, breakers, admit: traffic.admitUpstream, observer: telemetry.upstream };
  // The response cache: on Redis when configured (shared by every replica), else in memory; off with CACHE_ENABLED=false.
  const responseCache = config.cache.enabled
    ? openResponseCache(config.cache, config.redis, logger, instrumentRedis, telemetry.metrics.cacheLookup)
    : undefined;
  if (responseCache) resources.defer(() => responseCache.close());
  // APQ hashes on Redis when configured, so a hash registered through one replica works through every other.
  const apqClient =
    config.redis && config.graphql.apq
      ? createRedisClient(config.redis, logger.child({ component: 'persisted-queries' }), {
          commandTimeoutMs: config.cache.redisTimeoutMs,
          instrument: instrumentRedis,
        })
      : undefined;
  if (apqClient) resources.defer(() => apqClient.disconnect());
  // Live updates (subscriptions): events between replicas on Redis pub/sub when configured, else in memory.
  const liveMetrics = createLiveMetrics(metricsRegistry);
  const live = config.subscriptions && openLiveHub(config, logger, liveMetrics, instrumentRedis);
  if (live) {
    resources.defer(() => live.bus.close());
    await live.hub.start();
    resources.defer(() => live.hub.close());
  }
  // An instance that left takes its channel (and its breaker, unless that is still open) with it.
  const stopListening = registry.onInstancesChanged((service, removed) => {
    for (const instance of removed) {
      // A channel is per address, and other services may still be served there.
      const stillUsed = SERVICE_NAMES.some((s) => registry.instances(s).some((i) => i.address === instance.address));
      if (!stillUsed) channels.release(instance.address);
      breakers.release(service, instance.id);
    }
  });
  resources.defer(stopListening);
  // Upstream facts (service, rpc, gRPC code) in error answers help a developer and map the system for an attacker.
  const exposure = { upstreamFacts: config.nodeEnv !== 'production' };
  // Clients calling as one account, outside any request (the reads after a write, a subscriber's events).
  const clientsAs = (callerUuid: string, requestId: string) =>
    createServiceClients(deps, {
      callerUuid,
      requestId,
      deadlineAt: Date.now() + config.requestTimeoutMs,
      trace: { traceId: undefined },
    });
  const readAs: ReadAs = (uuid, requestId) => {
    const clients = clientsAs(uuid, requestId);
    return { clients, loaders: createLoaders(clients) };
  };
  // Where both front doors report every write: the cached reads it made stale go, then its live update event.
  const writes = createWritePort({
    ...(responseCache ? { invalidate: (tags: readonly string[] | 'all') => responseCache.invalidate(tags) } : {}),
    listeners: live ? [createWriteEvents({ hub: live.hub, readAs, logger, metrics: liveMetrics })] : [],
    logger,
  });
  // Events of the last writes still on their way out get a moment before the bus closes.
  resources.defer(() => writes.settle(2000));
  const schema = createExecutableSchema();
  const apollo = await startApolloServer({
    logger,
    schema,
    sandbox: config.sandbox,
    subscriptions: config.subscriptions !== undefined,
    exposure,
    limits: config.graphql,
    ...(apqClient
      ? {
          persistedQueries: createRedisPersistedQueries({
            client: apqClient,
            logger: logger.child({ component: 'persisted-queries' }),
            deadlineMs: config.cache.redisTimeoutMs,
          }),
        }
      : {}),
    execution: {
      ...(traffic.fieldRateLimits ? { rateLimits: traffic.fieldRateLimits } : {}),
      ...(responseCache ? { responseCache } : {}),
      ttls: { defaultMs: config.cache.defaultTtlMs, timetableMs: config.cache.timetableTtlMs },
      onPlanLookup: telemetry.metrics.planLookup,
      writes,
    },
    requestHooks: [telemetry.graphqlHooks],
  });
  resources.defer(() => apollo.stop());
  // Telemetry outermost, so refused requests are logged and counted too; the drain counts what it must wait for.
  // Request-Security's used values (on Redis when configured), created before the listener so it closes after it.
  const requestSecurity =
    config.requestSecurity &&
    createRequestSecurity({ ...config.requestSecurity, redis: config.redis, logger, instrumentRedis });
  if (requestSecurity) resources.defer(() => requestSecurity.close());
  const drain = createGracefulDrain();
  const http = createHttpServer({
    logger,
    observer: chainObservers(telemetry.requests, drain.observer),
    exposure,
    clientIp: traffic.clientIp,
  });
  // Stops listening, then cuts what the drain could not finish (nothing once it settled) and waits for the sockets.
  let cutOnClose = false;
  resources.defer(async () => {
    const closed = http.close();
    if (cutOnClose) http.server.closeAllConnections();
    await closed;
  });
  // The flood guard before every other guard and route: a flood costs no parsing, no token check.
  if (traffic.floodGuard) http.guard(traffic.floodGuard);
  // CORS next: preflights are answered before any route, token check or body parsing (legacy: CORS ran first).
  http.guard(createCorsGuard(config.cors));
  // The drain and the bound on requests in flight after CORS, so a browser can read their 503 and its Retry-After,
  // and before the token check, the body and the route: while shutting down or past capacity nothing else is worth
  // doing (503 SHEDDING, the probes excepted).
  http.guard(drain.guard);
  if (config.http.maxInFlight > 0) {
    const shedder = createLoadShedder({
      maxInFlight: config.http.maxInFlight,
      inFlight: () => drain.inFlight,
      onShed: telemetry.metrics.requestShed,
    });
    http.guard(shedder);
  }
  // The legacy Request-Security filter after CORS (legacy order), only when a passphrase is configured.
  if (requestSecurity) http.guard(requestSecurity.guard);

  const contextFor = (
    requestId: string,
    authorization: string | undefined,
    ip: string,
    record: RequestRecord | undefined,
  ): GraphQLContext =>
    // No header means an anonymous request; a header that fails verification is a 401 for the whole request.
    contextOfCaller(
      requestId,
      authorization === undefined ? undefined : tokens.fromAuthorizationHeader(authorization),
      ip,
      record,
    );
  const contextOfCaller = (
    requestId: string,
    caller: Caller | undefined,
    ip: string,
    record: RequestRecord | undefined,
  ): GraphQLContext => {
    // On the record for every GraphQL request, a cache hit's included (Apollo's hooks never see a hit).
    if (caller) recordCaller(record, caller);
    // The legacy span context shares the trace id the request's log line shows (tracing on or off).
    const clients = createLazyServiceClients(deps, {
      callerUuid: caller?.uuid ?? '',
      clientIp: ip,
      requestId,
      deadlineAt: Date.now() + config.requestTimeoutMs,
      journal: record,
      trace: { traceId: record?.traceId },
    });
    return new RequestContext({ requestId, caller, tokens, logger, ip, record }, clients);
  };

  http.route(
    ['GET', 'POST'],
    '/graphql',
    ({ req, res, requestId, clientIp, notes, body }) =>
      handleGraphQL(
        req,
        res,
        contextFor(requestId, req.headers.authorization, clientIp, notes),
        {
          apollo,
          maxUploadBytes: config.http.maxUploadBytes,
          maxBatch: config.graphql.maxBatch,
          beforeExecution: responseCache && cacheHitRecorder(responseCache.fastPath),
          afterExecution: responseCache?.answered,
        },
        body,
      ),
    graphqlResponder,
    // A POST's body is read by the server (over the limit: 413, before the token is checked); multipart requests
    // are streamed by the route.
    { body: { maxBytes: config.http.maxRequestBytes } },
  );
  // Liveness stays 200 while draining: the process is alive and finishing its work.
  http.route('GET', '/healthz', ({ res }) =>
    sendJson(res, 200, drain.draining ? { status: 'ok', draining: true } : { status: 'ok' }),
  );
  // The explorer that needs no internet, beside Sandbox and under the same rule (GRAPHQL_SANDBOX).
  if (config.sandbox) {
    registerGraphiQL(http, {
      dir: join(projectRoot(__dirname), 'dist/graphiql'),
      endpoint: '/graphql',
      subscriptions: config.subscriptions !== undefined,
      logger,
    });
  }
  // Legacy route 1: the JSON string "pong", outside every filter (legacy-api.md §1.1).
  http.route('GET', '/ping', ({ res }) => sendJson(res, 200, 'pong'));
  http.route('GET', '/metrics', async ({ res }) => {
    const body = await metricsRegistry.metrics();
    res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body);
  });
  http.route('GET', '/readyz', ({ res }) => {
    // Draining: load balancers must move away before the listener closes.
    if (drain.draining) return sendJson(res, 503, { ready: false, draining: true });
    const upstreams = Object.fromEntries(
      SERVICE_NAMES.map((service: ServiceName) => [
        service,
        {
          instances: registry
            .instances(service)
            .map((i) => ({ id: i.id, address: i.address, breaker: breakers.stateOf(service, i.id) })),
        },
      ]),
    );
    // Ready when every service has an instance whose breaker is not open.
    const ready = SERVICE_NAMES.every((service) =>
      registry.instances(service).some((i) => !breakers.isOpen(service, i.id)),
    );
    // `limits` only reports: limits degraded to in-process counting still serve every request.
    sendJson(res, ready ? 200 : 503, {
      ready,
      discovery: registry.status(),
      upstreams,
      limits: traffic.status(),
      // Like `limits`: a cache bypassed while Redis is down still serves every request.
      cache: responseCache?.status() ?? { status: 'disabled' },
      // Informational too: without Redis, events only miss the other replicas.
      subscriptions: live
        ? { ...live.bus.status(), sockets: subscriptions ? subscriptions.connections : 0 }
        : { status: 'disabled' },
    });
  });
  const consulChange = createConsulChangeHandler({
    deps,
    logger,
    indexHeader: config.consul?.indexHeader ?? 'X-Consul-Index',
    readBody: (req) => readBody(req, config.http.maxRequestBytes),
  });
  http.route('POST', '/events/types/consul-change', ({ req, res, requestId }) => consulChange(req, res, requestId));
  if (healthChecker) http.route('GET', '/health/instances', ({ res }) => sendJson(res, 200, healthChecker.snapshot()));
  // The legacy v1 REST routes share the call path, breakers and tokens with GraphQL.
  registerRestRoutes(http, REST_ROUTES, {
    deps,
    tokens,
    limits: { maxRequestBytes: config.http.maxRequestBytes, maxUploadBytes: config.http.maxUploadBytes },
    requestTimeoutMs: config.requestTimeoutMs,
    writes,
    // GET routes read through the same cache, scopes and tags as the GraphQL fields they correspond to.
    ...(responseCache ? { cache: createRestResponseCache(responseCache) } : {}),
    // The GraphQL rules and `@rateLimit` budgets before each handler.
    guards: createRestGuards({ schema, deps, tokens, logger, fieldRateLimits: traffic.fieldRateLimits }),
  });
  // Route 70, the Naver proxy, only when enabled (else an unknown route); not cached, writes nothing.
  if (config.naverSearch) {
    const { credentials, url, timeoutMs } = config.naverSearch;
    if (!credentials)
      logger.warn('NAVER_CLIENT_ID/NAVER_CLIENT_SECRET unset: route 70 answers from the in-memory twin');
    const search = credentials
      ? createHttpNaverLocalSearch({ url, timeoutMs, ...credentials })
      : createMemoryNaverLocalSearch();
    registerRestRoutes(http, naverRoutes({ search, counters: traffic.counters, logger }), {
      deps,
      tokens,
      limits: { maxRequestBytes: config.http.maxRequestBytes, maxUploadBytes: config.http.maxUploadBytes },
      requestTimeoutMs: config.requestTimeoutMs,
    });
  }

  // Subscriptions share the port: an upgrade on /graphql becomes a graphql-transport-ws socket.
  const subscriptions =
    live &&
    config.subscriptions &&
    createSubscriptionServer({
      schema,
      hub: live.hub,
      tokens,
      limits: config.subscriptions,
      requestLimits: config.graphql,
      corsOrigins: config.cors.origins,
      maxMessageBytes: config.http.maxRequestBytes,
      logger,
      metrics: liveMetrics,
      exposure,
      contextFor: (requestId, caller, ip) => contextOfCaller(requestId, caller, ip, undefined),
      readsAs: (caller) => subscriberReads(caller.uuid, clientsAs),
      clientIp: traffic.clientIp,
      floodGuard: (req) => traffic.floodGuard?.({ clientIp: traffic.clientIp(req) }) || undefined,
    });
  if (subscriptions) http.server.on('upgrade', subscriptions.handleUpgrade);
  else {
    // Off: an upgrade is refused plainly (without a listener Node would hand it to the routes as a GET).
    const off = new GatewayError(ErrorCode.NOT_FOUND, 'subscriptions are off on this gateway');
    http.server.on('upgrade', (req: IncomingMessage, socket: Duplex) =>
      answerUpgrade(socket, requestIdOf(req.headers), off, exposure),
    );
  }

  return {
    server: http.server,
    telemetry,
    listen: () => http.listen(config.http.host, config.http.port),
    async close() {
      // Drain: /readyz turns 503 and new requests are refused while accepted ones finish, for up to the grace;
      // subscription sockets are closed with 1001 at once (their clients reconnect elsewhere).
      const [settled] = await Promise.all([
        drain.drain(config.shutdownGraceMs),
        subscriptions?.drain(config.shutdownGraceMs),
      ]);
      if (!settled) {
        logger.warn({ inFlight: drain.inFlight }, 'shutdown grace ran out: cutting requests still running');
        cutOnClose = true;
      }
      // Then everything in reverse order of creation: the listener first, the telemetry last.
      await resources.close();
    },
  };
}

/** The event bus and hub of the live updates: on Redis pub/sub when REDIS_URL is set, else in this process. */
function openLiveHub(
  config: Config,
  logger: Logger,
  metrics: ReturnType<typeof createLiveMetrics>,
  instrumentRedis: (client: RedisClient) => void,
): { bus: EventBus; hub: LiveHub } | undefined {
  const limits = config.subscriptions;
  if (!limits) return undefined;
  const log = logger.child({ component: 'live' });
  const bus = config.redis
    ? createRedisEventBus({
        // A publish waits no longer than a cache command: a write is answered after its event left.
        publisher: createRedisClient(config.redis, log, {
          commandTimeoutMs: config.cache.redisTimeoutMs,
          instrument: instrumentRedis,
        }),
        subscriber: createRedisSubscriber(config.redis, log, { instrument: instrumentRedis }),
        logger: log,
      })
    : createMemoryEventBus();
  const hub = createLiveHub({
    bus,
    channelOf: (topic) => liveChannel(config.redis, topic),
    limits: {
      maxPerConnection: limits.maxPerConnection,
      maxPerUser: limits.maxPerUser,
      maxBufferedBytes: limits.maxBufferedBytes,
    },
    logger,
    metrics,
  });
  return { bus, hub };
}

/** What decides a subscriber's events, read as the subscriber (never as anyone else). */
function subscriberReads(
  uuid: string,
  clientsAs: (callerUuid: string, requestId: string) => ReturnType<typeof createServiceClients>,
): SubscriberReads {
  return {
    async childrenOf(parentId) {
      const reply = await clientsAs(uuid, randomUUID()).auth.parent.getChildrenInformsWithUuid({
        ParentUUID: parentId,
      });
      return reply.ChildrenInform.map((child) => child.StudentUUID);
    },
    async classOf(studentId) {
      // The batch read: the single one reports the parent link once and then forgets it (a side effect).
      const reply = await clientsAs(uuid, randomUUID()).auth.student.getStudentInformsWithUuiDs({
        StudentUUIDs: [studentId],
      });
      const own = reply.StudentInforms.find((student) => student.StudentUUID === studentId);
      if (!own) throw new Error(`student ${studentId} not found`);
      return { grade: own.Grade, classNumber: own.Group };
    },
  };
}
