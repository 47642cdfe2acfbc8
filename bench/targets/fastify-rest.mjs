// W3 peer: the REST shim users would write by hand (the plan's "Express + fetch"; express is not installed and our
// upstreams are gRPC): a Fastify route GET /v1/teachers/uuid/:uuid → jsonwebtoken verify (HS512, the secret, as a
// KeyObject made once) → one grpc-js unary call GetTeacherInformWithUUID through the generated client definition,
// with the x-request-id and span-context metadata the services require → the legacy envelope of route 21. No cache,
// limits, breakers or logging.
import { createSecretKey, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../../dist/${path}`);
const fastify = require('fastify');
const grpc = require('@grpc/grpc-js');
// The gateway's own channel options, so the floor compares like with like.
const { CHANNEL_OPTIONS } = require('../../dist/grpc-clients/channel-pool.js');
const jwt = require('jsonwebtoken');
const { AuthTeacherService } = dist('grpc-clients/generated/auth/auth-teacher.js');
const { newSpanContext } = dist('grpc-clients/upstream-metadata.js');

const DEADLINE_MS = 5_000;
const method = AuthTeacherService.getTeacherInformWithUuid;

await serve(async ({ addresses, secret }) => {
  const key = createSecretKey(Buffer.from(secret));
  const client = new grpc.Client(addresses.auth, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const call = (request) =>
    new Promise((resolve, reject) => {
      const metadata = new grpc.Metadata();
      metadata.set('x-request-id', randomUUID());
      metadata.set('span-context', newSpanContext());
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + DEADLINE_MS },
        (error, reply) => (error ? reject(error) : resolve(reply)),
      );
    });

  const app = fastify({ logger: false });
  app.get('/v1/teachers/uuid/:uuid', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    let claims;
    try {
      if (!header.startsWith('Bearer ')) throw new Error('missing bearer token');
      claims = jwt.verify(header.slice(7), key, { algorithms: ['HS512'] });
      if (claims.type !== 'access_token' || typeof claims.uuid !== 'string') throw new Error('not an access token');
    } catch (error) {
      return reply.code(401).send({ status: 401, code: 0, message: error.message });
    }
    let answer;
    try {
      answer = await call({ UUID: claims.uuid, TeacherUUID: request.params.uuid });
    } catch (error) {
      return reply.code(503).send({ status: 503, code: 0, message: error.details ?? error.message });
    }
    if (answer.Status !== 200) {
      return reply.code(answer.Status).send({ status: answer.Status, code: answer.Code, message: answer.Message });
    }
    return reply.code(200).send({
      status: 200,
      code: 0,
      message: 'succeed to get teacher inform with uuid',
      name: answer.Name,
      phone_number: answer.PhoneNumber,
      grade: answer.Grade,
      group: answer.Group,
    });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: app.server.address().port,
    async close() {
      await app.close();
      client.close();
    },
  };
});
