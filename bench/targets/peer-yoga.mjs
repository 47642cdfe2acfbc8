// B6 peer: GraphQL Yoga 5 (`createYoga` as the node:http request listener), our schema and resolvers, the same
// gRPC call path and DataLoaders as the gateway; no shield, cache, limits or logging. A token that fails
// verification is a 401 with a GraphQL error body (Yoga reads `extensions.http.status`).
import { createRequire } from 'node:module';
import { createPeerContext, QUIET_YOGA } from '../lib/peer-context.mjs';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);
const { createYoga } = require('graphql-yoga');
const { createExecutableSchema } = require('../../dist/src/graphql/executable-schema.js');

await serve(async ({ addresses, secret }) => {
  const peer = createPeerContext({ addresses, secret });
  const yoga = createYoga({ schema: createExecutableSchema(), context: peer.ofYogaRequest, ...QUIET_YOGA });
  return serveLocal(
    yoga,
    () => yoga.dispose?.(),
    () => peer.close(),
  );
});
