// B6 peer: Fastify 5 + Mercurius with graphql-jit (`jit: 1`: an operation is compiled on its first repeat), our
// schema and resolvers, the same gRPC call path and DataLoaders as the gateway; no shield, cache, limits or
// logging. The token is checked in an onRequest hook, the usual Fastify place: a bad one is a 401 with a GraphQL
// error body before Mercurius runs.
import { createRequire } from 'node:module';
import { createPeerContext } from '../lib/peer-context.mjs';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const fastify = require('fastify');
const mercurius = require('mercurius');
const { createExecutableSchema } = require('../../dist/src/graphql/executable-schema.js');

await serve(async ({ addresses, secret }) => {
  const peer = createPeerContext({ addresses, secret });
  const app = fastify({ logger: false });
  app.decorateRequest('caller', undefined);
  app.addHook('onRequest', async (request, reply) => {
    try {
      request.caller = peer.callerOf(request.headers.authorization);
    } catch (error) {
      const { http, ...extensions } = error.extensions;
      return reply.code(http.status).send({ data: null, errors: [{ message: error.message, extensions }] });
    }
  });
  await app.register(mercurius, {
    schema: createExecutableSchema(),
    jit: 1,
    graphiql: false,
    context: (request) => peer.contextForCaller(request.caller, request.ip),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: app.server.address().port,
    async close() {
      await app.close();
      peer.close();
    },
  };
});
