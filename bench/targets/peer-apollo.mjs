// B6 peer: bare Apollo Server 5 on node:http (the lighter of Apollo's two ways; see peer-context.mjs), our schema
// and resolvers, the same gRPC call path and DataLoaders as the gateway; no shield, cache, limits or logging.
// A token that fails verification is a 401 with a GraphQL error body.
import { createRequire } from 'node:module';
import { apolloRequestListener, createPeerContext, startApollo } from '../lib/peer-context.mjs';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);
const { createExecutableSchema } = require('../../dist/src/graphql/executable-schema.js');

await serve(async ({ addresses, secret }) => {
  const peer = createPeerContext({ addresses, secret });
  const apollo = await startApollo(createExecutableSchema());
  return serveLocal(
    apolloRequestListener(apollo, peer.ofNodeRequest),
    () => apollo.stop(),
    () => peer.close(),
  );
});
