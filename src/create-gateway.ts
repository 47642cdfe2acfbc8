import type { Server } from 'node:http';
import { createAccessTokens } from '../core/access-tokens';
import type { Config, ServiceName } from '../core/config';
import { SERVICE_NAMES } from '../core/config';
import type { Logger } from '../core/logger';
import type { ServiceRegistry } from '../discovery/service-registry';
import { createInstanceBreakers, type BreakerListener } from '../resilience/instance-breakers';
import { silentBreakerListener } from '../resilience/consul-check-reporter';
import { createConsulChangeHandler } from '../rest/infrastructure/consul-change';
import { registerRestRoutes } from '../rest/register-rest-routes';
import { REST_ROUTES } from '../rest/routes';
import { readBody } from './http/read-body';
import { createChannelPool } from '../grpc-clients/channel-pool';
import { createLoaders } from '../grpc-clients/loaders';
import { createServiceClients } from '../grpc-clients/service-clients';
import { newSpanContext } from '../grpc-clients/upstream-metadata';
import type { GraphQLContext } from './context';
import { startApolloServer } from './graphql/apollo-server';
import { handleGraphQL } from './graphql/graphql-route';
import { createHttpServer } from './http/http-server';
import { sendJson } from './http/send-json';

/** The development secret used when JWT_SECRET_KEY is unset outside production. */
export const DEVELOPMENT_JWT_SECRET = 'dms-sms-development-secret-do-not-use-in-production';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  registry: ServiceRegistry;
  /** Who hears about breaker state changes (the Consul check reporter); nobody by default. */
  breakerListener?: BreakerListener;
}

export interface Gateway {
  server: Server;
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Wires the whole gateway: registry → channels → clients → Apollo/envelop → HTTP routes. */
export async function createGateway({
  config,
  logger,
  registry,
  breakerListener = silentBreakerListener,
}: GatewayOptions): Promise<Gateway> {
  if (!config.jwtSecret) logger.warn('JWT_SECRET_KEY is unset: using the development secret');
  const tokens = createAccessTokens(config.jwtSecret ?? DEVELOPMENT_JWT_SECRET);
  const channels = createChannelPool();
  const breakers = createInstanceBreakers(logger, breakerListener, config.breaker);
  const deps = { registry, channels, breakers };
  // An instance that left takes its channel (and its breaker, unless that is still open) with it.
  const stopListening = registry.onInstancesChanged((_service, removed) => {
    for (const instance of removed) {
      channels.release(instance.address);
      breakers.release(instance.id);
    }
  });
  const apollo = await startApolloServer({ logger, sandbox: config.sandbox });
  const http = createHttpServer(logger);

  const contextFor = (requestId: string, authorization: string | undefined, ip: string): GraphQLContext => {
    // No header means an anonymous request; a header that fails verification is a 401 for the whole request.
    const caller = authorization === undefined ? undefined : tokens.fromAuthorizationHeader(authorization);
    const clients = createServiceClients(deps, {
      callerUuid: caller?.uuid ?? '',
      requestId,
      spanContext: newSpanContext(),
      deadlineAt: Date.now() + config.requestTimeoutMs,
    });
    return { requestId, caller, clients, loaders: createLoaders(clients), tokens, logger, ip };
  };

  http.route(['GET', 'POST'], '/graphql', ({ req, res, requestId }) =>
    handleGraphQL(req, res, contextFor(requestId, req.headers.authorization, req.socket.remoteAddress ?? ''), {
      apollo,
      maxRequestBytes: config.http.maxRequestBytes,
      maxUploadBytes: config.http.maxUploadBytes,
    }),
  );
  http.route('GET', '/healthz', ({ res }) => sendJson(res, 200, { status: 'ok' }));
  http.route('GET', '/readyz', ({ res }) => {
    const upstreams = Object.fromEntries(
      SERVICE_NAMES.map((service: ServiceName) => [
        service,
        {
          instances: registry
            .instances(service)
            .map((i) => ({ id: i.id, address: i.address, breaker: breakers.stateOf(i.id) })),
        },
      ]),
    );
    // Ready when every service has an instance whose breaker is not open.
    const ready = SERVICE_NAMES.every((service) => registry.instances(service).some((i) => !breakers.isOpen(i.id)));
    sendJson(res, ready ? 200 : 503, { ready, discovery: registry.status(), upstreams });
  });
  const consulChange = createConsulChangeHandler({
    deps,
    logger,
    indexHeader: config.consul?.indexHeader ?? 'X-Consul-Index',
    readBody: (req) => readBody(req, config.http.maxRequestBytes),
  });
  http.route('POST', '/events/types/consul-change', ({ req, res, requestId }) => consulChange(req, res, requestId));
  // The legacy v1 REST routes share the call path, breakers and tokens with GraphQL.
  registerRestRoutes(http, REST_ROUTES, {
    deps,
    tokens,
    limits: { maxRequestBytes: config.http.maxRequestBytes, maxUploadBytes: config.http.maxUploadBytes },
    requestTimeoutMs: config.requestTimeoutMs,
  });

  return {
    server: http.server,
    listen: () => http.listen(config.http.host, config.http.port),
    async close() {
      await http.close();
      await apollo.stop();
      stopListening();
      breakers.close();
      channels.close();
      await registry.close();
    },
  };
}
