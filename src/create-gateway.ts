import type { Server } from 'node:http';
import { createAccessTokens } from '../core/access-tokens';
import type { Config, ServiceName } from '../core/config';
import { SERVICE_NAMES } from '../core/config';
import type { Logger } from '../core/logger';
import type { ServiceRegistry } from '../discovery/service-registry';
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
}

export interface Gateway {
  server: Server;
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Wires the whole gateway: registry → channels → clients → Apollo/envelop → HTTP routes. */
export async function createGateway({ config, logger, registry }: GatewayOptions): Promise<Gateway> {
  if (!config.jwtSecret) logger.warn('JWT_SECRET_KEY is unset: using the development secret');
  const tokens = createAccessTokens(config.jwtSecret ?? DEVELOPMENT_JWT_SECRET);
  const channels = createChannelPool();
  const apollo = await startApolloServer({ logger, sandbox: config.sandbox });
  const http = createHttpServer(logger);

  const contextFor = (requestId: string, authorization: string | undefined, ip: string): GraphQLContext => {
    // No header means an anonymous request; a header that fails verification is a 401 for the whole request.
    const caller = authorization === undefined ? undefined : tokens.fromAuthorizationHeader(authorization);
    const clients = createServiceClients(
      { registry, channels },
      { callerUuid: caller?.uuid ?? '', requestId, spanContext: newSpanContext() },
    );
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
      SERVICE_NAMES.map((service: ServiceName) => [service, { instances: registry.instances(service).length }]),
    );
    const ready = SERVICE_NAMES.every((service) => registry.instances(service).length > 0);
    sendJson(res, ready ? 200 : 503, { ready, upstreams });
  });

  return {
    server: http.server,
    listen: () => http.listen(config.http.host, config.http.port),
    async close() {
      await http.close();
      await apollo.stop();
      channels.close();
      await registry.close();
    },
  };
}
