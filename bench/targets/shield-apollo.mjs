// W4 peer (authz-denied field): bare Apollo Server 5 on node:http (as peer-apollo.mjs) with graphql-shield applied
// through graphql-middleware's `applyMiddleware`, the way most users do it: a rule per field, `fallbackRule: allow`,
// role rules with the `contextual` cache, and the peer context. A student asking for `outings` (teachers only) gets
// a FORBIDDEN error (null data) and no backend call. Resolver errors pass through unchanged (`allowExternalErrors`).
import http from 'node:http';
import { createRequire } from 'node:module';
import { apolloRequestListener, createPeerContext, listenLocal, silentApolloLogger } from '../lib/peer-context.mjs';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { ApolloServer } = require('@apollo/server');
const { GraphQLError } = require('graphql');
const { applyMiddleware } = require('graphql-middleware');
const { allow, rule, shield } = require('graphql-shield');
const { createExecutableSchema } = require('../../dist/src/graphql/executable-schema.js');

const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, context) => context.caller !== undefined);
const isStudent = rule({ cache: 'contextual' })((_parent, _args, context) => context.caller?.role === 'student');
const isTeacher = rule({ cache: 'contextual' })((_parent, _args, context) => context.caller?.role === 'teacher');

const permissions = shield(
  {
    Query: {
      myOutings: isStudent,
      outings: isTeacher,
      students: isAuthenticated,
      clubs: isAuthenticated,
      announcements: isAuthenticated,
    },
  },
  {
    fallbackRule: allow,
    fallbackError: () => new GraphQLError('not allowed for this account', { extensions: { code: 'FORBIDDEN' } }),
    allowExternalErrors: true,
  },
);

await serve(async ({ addresses, secret }) => {
  const peer = createPeerContext({ addresses, secret });
  const apollo = new ApolloServer({
    schema: applyMiddleware(createExecutableSchema(), permissions),
    logger: silentApolloLogger,
  });
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
