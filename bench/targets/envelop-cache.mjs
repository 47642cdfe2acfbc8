// B7: the stock envelop response cache on Redis, hit path, as users would build it: GraphQL Yoga 5 on node:http with
// `useResponseCache` from @envelop/response-cache and `createRedisCache` from @envelop/response-cache-redis, our
// schema and the peer context (peer-context.mjs). One entry per caller (`session` = the caller's uuid; it is required,
// and PRIVATE results are never cached without one), `myOutings` marked PRIVATE like the gateway's cache policy, and
// the gateway's default TTL of 60 s (the plugin's TTLs are in milliseconds). Keys are unprefixed: give it its own
// Redis db (BENCH_OPTIONS.redisUrl). A bad token is a 401, as in peer-yoga.mjs.
import { createRequire } from 'node:module';
import { createPeerContext, QUIET_YOGA } from '../lib/peer-context.mjs';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);
const { createYoga } = require('graphql-yoga');
const { useResponseCache } = require('@envelop/response-cache');
const { createRedisCache } = require('@envelop/response-cache-redis');
const Redis = require('ioredis');
const { createExecutableSchema } = require('../../dist/src/graphql/executable-schema.js');

const TTL_MS = 60_000;

await serve(async ({ addresses, secret, redisUrl }) => {
  const peer = createPeerContext({ addresses, secret });
  const redis = new Redis(redisUrl);
  const yoga = createYoga({
    schema: createExecutableSchema(),
    context: peer.ofYogaRequest,
    plugins: [
      useResponseCache({
        session: (context) => context.caller?.uuid ?? null,
        cache: createRedisCache({ redis }),
        ttl: TTL_MS,
        scopePerSchemaCoordinate: { 'Query.myOutings': 'PRIVATE' },
      }),
    ],
    ...QUIET_YOGA,
  });
  return serveLocal(
    yoga,
    () => yoga.dispose?.(),
    () => redis.disconnect(),
    () => peer.close(),
  );
});
