// B6 peer: bare Apollo Server 5 on node:http (the lighter of Apollo's two ways; see peer-context.mjs), our schema
// and resolvers, the same gRPC call path and DataLoaders as the gateway; no shield, cache, limits or logging.
// A token that fails verification is a 401 with a GraphQL error body.
import http from 'node:http';
import { createRequire } from 'node:module';
import { apolloRequestListener, createPeerContext, listenLocal, silentApolloLogger } from '../lib/peer-context.mjs';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { ApolloServer } = require('@apollo/server');
const { createExecutableSchema } = require('../../dist/src/graphql/executable-schema.js');

await serve(async ({ addresses, secret }) => {
  const peer = createPeerContext({ addresses, secret });
  const apollo = new ApolloServer({ schema: createExecutableSchema(), logger: silentApolloLogger });
  await apollo.start();
  const server = http.createServer(
    apolloRequestListener(apollo, (req) => peer.contextFor(req.headers.authorization, req.socket.remoteAddress)),
  );
  const port = await listenLocal(server);
  return {
    port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
      peer.close();
    },
  };
});
