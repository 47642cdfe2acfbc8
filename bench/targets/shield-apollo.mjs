// W4 peer (authz-denied field): bare Apollo Server 5 on node:http (as peer-apollo.mjs) with graphql-shield applied
// through graphql-middleware's `applyMiddleware`, the way most users do it: a rule per field, `fallbackRule: allow`,
// role rules with the `contextual` cache, and the peer context. A student asking for `outings` (teachers only) gets
// a FORBIDDEN error (null data) and no backend call. Resolver errors pass through unchanged (`allowExternalErrors`).
import { createRequire } from 'node:module';
import { apolloRequestListener, createPeerContext, startApollo } from '../lib/peer-context.mjs';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);
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
  const apollo = await startApollo(applyMiddleware(createExecutableSchema(), permissions));
  return serveLocal(
    apolloRequestListener(apollo, peer.ofNodeRequest),
    () => apollo.stop(),
    () => peer.close(),
  );
});
