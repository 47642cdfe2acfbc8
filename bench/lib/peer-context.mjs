// What the peer targets (B6 Apollo/Yoga/Mercurius, B7 envelop cache, the shield peer) share with the gateway: our
// schema and resolvers, and a per-request context built like src/create-gateway.ts `contextFor` — the verified
// caller, service clients over the same channel pool and call path, per-request DataLoaders — minus what the
// gateway adds around the call: no telemetry observer, no rate-limit admission, and breakers that just run the call.
// Everything is loaded with require() so that graphql, Apollo, Yoga and Mercurius all share graphql's CommonJS
// build with dist/ (an ESM import of graphql would be a second copy, and its GraphQLError a different class).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../../dist/${path}`);
const { GraphQLError } = require('graphql');
const pino = require('pino');
const { SERVICE_NAMES } = dist('core/config.js');
const { createAccessTokens } = dist('core/access-tokens.js');
const { createStaticRegistry } = dist('discovery/static-registry.js');
const { createChannelPool } = dist('grpc-clients/channel-pool.js');
const { createLoaders } = dist('grpc-clients/loaders.js');
const { createServiceClients } = dist('grpc-clients/service-clients.js');
const { newSpanContext } = dist('grpc-clients/upstream-metadata.js');

/** The gateway's default REQUEST_TIMEOUT_MS: the budget every upstream call of one request shares. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The InstanceBreakers interface (resilience/instance-breakers.ts) with nothing behind it: every call just runs. */
const passThroughBreakers = {
  run: (_service, _instance, call) => call(),
  isOpen: () => false,
  openInstances: new Map(),
  stateOf: () => 'closed',
  release() {},
  close() {},
};

/** A token that fails verification: HTTP 401 (Apollo and Yoga read `extensions.http.status`), as the gateway does. */
function unauthenticated(error) {
  return new GraphQLError(error.message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      ...(typeof error.legacyCode === 'number' ? { legacyCode: error.legacyCode } : {}),
      http: { status: 401 },
    },
  });
}

/** One per target process: the registry, channel pool and token verifier every request shares. */
export function createPeerContext({ addresses, secret }) {
  const registry = createStaticRegistry(Object.fromEntries(SERVICE_NAMES.map((s) => [s, [addresses[s]]])));
  const channels = createChannelPool();
  const deps = { registry, channels, breakers: passThroughBreakers };
  const tokens = createAccessTokens(secret);
  const logger = pino({ level: 'silent' });

  /** No header is an anonymous caller; a header that fails verification throws the 401 error above. */
  const callerOf = (authorization) => {
    if (authorization === undefined || authorization === null) return undefined;
    try {
      return tokens.fromAuthorizationHeader(authorization);
    } catch (error) {
      throw unauthenticated(error);
    }
  };

  /** The GraphQLContext of one request whose caller is already known. */
  const contextForCaller = (caller, ip) => {
    const requestId = randomUUID();
    const clients = createServiceClients(deps, {
      callerUuid: caller?.uuid ?? '',
      clientIp: ip,
      requestId,
      spanContext: newSpanContext(),
      deadlineAt: Date.now() + REQUEST_TIMEOUT_MS,
    });
    return { requestId, caller, clients, loaders: createLoaders(clients), tokens, logger, ip };
  };

  return {
    tokens,
    logger,
    callerOf,
    contextForCaller,
    /** The whole per-request context from the Authorization header (throws the 401 error on a bad token). */
    /** The context of a node:http request (Apollo's listener below). */
    ofNodeRequest: (req) => contextForCaller(callerOf(req.headers.authorization), req.socket.remoteAddress),
    /** The context of a Yoga request (its fetch `request` beside node's `req`). */
    ofYogaRequest: ({ request, req }) =>
      contextForCaller(callerOf(request.headers.get('authorization') ?? undefined), req.socket.remoteAddress),
    close() {
      channels.close();
    },
  };
}

/** A logger for Apollo that says nothing (the targets log nothing). */
export const silentApolloLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Apollo Server on plain node:http, the way Apollo's own integrations (and src/graphql/graphql-route.ts) call it:
 * read the body, JSON.parse it, hand method/headers/search/body to `executeHTTPGraphQLRequest`, copy the answer
 * back. Lighter than `startStandaloneServer`, which also runs the `cors` and `body-parser` middlewares per request
 * (an A/B on B5-small: ≈ 425 vs ≈ 555 µs of server CPU per request).
 * `context(req)` builds the per-request context (it may throw a GraphQLError with `extensions.http`).
 */
export function apolloRequestListener(apollo, context) {
  const { HeaderMap } = require('@apollo/server');
  const send = (res, status, message) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message }] }));
  };
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    if ((q >= 0 ? url.slice(0, q) : url) !== '/graphql') {
      send(res, 404, 'not found');
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      let body;
      try {
        body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        send(res, 400, 'request body is not valid JSON');
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      try {
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: q >= 0 ? url.slice(q) : '', body },
          context: async () => context(req),
        });
        for (const [key, value] of result.headers) res.setHeader(key, value);
        res.statusCode = result.status ?? 200;
        if (result.body.kind === 'complete') {
          res.end(result.body.string);
          return;
        }
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      } catch {
        if (!res.headersSent) send(res, 500, 'internal error');
        else res.destroy();
      }
    });
  };
}

/** A started Apollo Server 5 over `schema` that logs nothing. */
export async function startApollo(schema) {
  const { ApolloServer } = require('@apollo/server');
  const apollo = new ApolloServer({ schema, logger: silentApolloLogger });
  await apollo.start();
  return apollo;
}

/** Yoga without its logging, GraphiQL and landing page: what every Yoga target runs. */
export const QUIET_YOGA = { logging: false, graphiql: false, landingPage: false };
