import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Write, WritePort } from '../../../cache/write-port';
import { createAccessTokens } from '../../../core/access-tokens';
import { UnavailableReason } from '../../../core/error-codes';
import { ServiceUnavailableError } from '../../../core/errors';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import type { ChannelPool } from '../../../grpc-clients/channel-pool';
import type { InstanceBreakers } from '../../../resilience/instance-breakers';
import type { Envelope } from '../../../rest/envelope';
import { registerRestRoutes, type RestDeps, type RestNotes } from '../../../rest/register-rest-routes';
import type { RestGuard } from '../../../rest/rest-guards';
import type { RestContext, RestRoute } from '../../../rest/rest-route';
import { createHttpServer } from '../../../http/http-server';

/**
 * Route registration (`registerRestRoutes`) on the gateway's HTTP server, driven by handing the server's request
 * listener a fake request and response: nothing listens, nothing is dialled.
 */
const tokens = createAccessTokens('register-rest-routes-test');
const ADMIN_UUID = 'admin-000000000001';
const BEARER = `Bearer ${tokens.sign(ADMIN_UUID).token}`;
const REQUEST_ID = '8f14e45f-ceea-467f-a0e6-1a2b3c4d5e6f';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** A response that records what was written and resolves once it ends. */
function fakeResponse() {
  let resolve: (answer: Answer) => void = () => {};
  const answered = new Promise<Answer>((r) => (resolve = r));
  const headers: Record<string, unknown> = {};
  let status = 200;
  const res = {
    headersSent: false,
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = value),
    writeHead(code: number, more: Record<string, unknown> = {}) {
      status = code;
      Object.assign(headers, more);
      res.headersSent = true;
      return res;
    },
    end(body?: string) {
      resolve({ status, headers, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
    },
    destroy() {},
  };
  return { res: res as unknown as ServerResponse, answered };
}

function fakeRequest(options: { method: string; url: string; headers?: Record<string, string>; body?: string }) {
  const stream = Readable.from(options.body === undefined ? [] : [Buffer.from(options.body)]);
  return Object.assign(stream, {
    method: options.method,
    url: options.url,
    headers: options.headers ?? {},
    socket: { remoteAddress: '198.51.100.7' },
  }) as unknown as IncomingMessage;
}

const handled: RestContext[] = [];

/** A route with every fact a record has: binding, validation, its write, and a handler that answers 201. */
const CREATE_THING: RestRoute = {
  id: 901,
  method: 'POST',
  path: '/v1/things/:thing_uuid',
  auth: 'jwt',
  struct: 'CreateThingRequest',
  fields: { name: ['string', 'required,max=5'], count: ['int'] },
  writes: (c, e) => ({ field: 'deleteClub', args: { id: c.params.thing_uuid }, result: e.thing_uuid }),
  handle: async (context) => {
    handled.push(context);
    if (context.body.name === 'fail') return { status: 409, code: -1, message: 'already there' };
    if (context.body.name === 'down') {
      throw new ServiceUnavailableError(UnavailableReason.NO_INSTANCE, 'no available instance of club');
    }
    return { status: 201, code: 0, message: 'made', thing_uuid: context.params.thing_uuid };
  },
};

function setup(guards: RestGuard[] = []) {
  handled.length = 0;
  const written: Write[] = [];
  const events: string[] = [];
  const writes: WritePort = {
    async written(write) {
      written.push(write);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push('write reported');
    },
    settle: async () => {},
  };
  const http = createHttpServer<RestNotes>({
    logger: createLogger({ name: 'test', level: 'silent' }),
    exposure: { upstreamFacts: false },
  });
  const deps: RestDeps = {
    deps: {
      registry: createStaticRegistry({}),
      channels: {} as ChannelPool,
      breakers: {} as InstanceBreakers,
    },
    tokens,
    limits: { maxRequestBytes: 1024, maxUploadBytes: 1024 },
    requestTimeoutMs: 1000,
    writes,
    guards,
  };
  registerRestRoutes(http, [CREATE_THING], deps);
  const send = async (request: Parameters<typeof fakeRequest>[0]): Promise<Answer> => {
    const { res, answered } = fakeResponse();
    http.server.emit('request', fakeRequest(request), res);
    const answer = await answered;
    events.push('answered');
    return answer;
  };
  const post = (body: string, headers: Record<string, string> = {}) =>
    send({
      method: 'POST',
      url: '/v1/things/thing-1',
      headers: { authorization: BEARER, 'content-type': 'application/json', ...headers },
      body,
    });
  return { send, post, written, events };
}

describe('registerRestRoutes (one route on the HTTP server, fake request and response)', () => {
  it('binds, validates and runs the handler, answering its envelope with the request id', async () => {
    const { post } = setup();
    const answer = await post('{"name":"lamp","count":2}', { 'x-request-id': REQUEST_ID });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ status: 201, code: 0, message: 'made', thing_uuid: 'thing-1' });
    expect(answer.headers['x-request-id']).toBe(REQUEST_ID);
    expect(handled[0]).toMatchObject({
      requestId: REQUEST_ID,
      caller: { uuid: ADMIN_UUID, role: 'admin' },
      params: { thing_uuid: 'thing-1' },
      body: { name: 'lamp', count: 2 },
    });
  });

  it('refuses a content type it cannot bind with 400 −201, before the handler', async () => {
    const { post } = setup();
    const answer = await post('name=lamp', { 'content-type': 'text/csv' });
    expect(answer.body).toEqual({ status: 400, code: -201, message: 'unsupported content type: text/csv' });
    expect(handled).toEqual([]);
  });

  it('refuses a value of the wrong type with 400 −202, and a body that is not JSON', async () => {
    const { post } = setup();
    expect((await post('{"name":"lamp","count":"two"}')).body).toMatchObject({ status: 400, code: -202 });
    expect((await post('{"name":')).body).toMatchObject({ status: 400, code: -202 });
    expect(handled).toEqual([]);
  });

  it("refuses an invalid field with 400 −203 and the legacy validator's text", async () => {
    const { post } = setup();
    const answer = await post('{"name":"chandelier"}');
    expect(answer.body).toEqual({
      status: 400,
      code: -203,
      message:
        "request is not valid: Key: 'CreateThingRequest.Name' Error:Field validation for 'Name' failed on the 'max' tag",
    });
    expect(handled).toEqual([]);
  });

  it('refuses a missing token with 401 −101 before binding', async () => {
    const { send } = setup();
    const answer = await send({ method: 'POST', url: '/v1/things/thing-1', body: 'not even JSON' });
    expect(answer.body).toMatchObject({ status: 401, code: -101 });
    expect(handled).toEqual([]);
  });

  it("answers a guard's refusal instead of the handler, and reports no write", async () => {
    const seen: Array<{ route: number; body: unknown; ip: string }> = [];
    const refuse: RestGuard = async ({ route, context, ip }) => {
      seen.push({ route: route.id, body: context.body, ip });
      return { status: 403, code: -2601, message: 'Unauthorized' } satisfies Envelope;
    };
    const { post, written } = setup([refuse]);
    const answer = await post('{"name":"lamp"}');
    expect(answer.body).toEqual({ status: 403, code: -2601, message: 'Unauthorized' });
    expect(seen).toEqual([{ route: 901, body: { name: 'lamp' }, ip: '198.51.100.7' }]);
    expect(handled).toEqual([]);
    expect(written).toEqual([]);
  });

  it('reports a successful write to the write port before answering', async () => {
    const { post, written, events } = setup([async () => undefined]);
    await post('{"name":"lamp"}', { 'x-request-id': REQUEST_ID });
    expect(written).toEqual([
      {
        field: 'deleteClub',
        args: { id: 'thing-1' },
        caller: { uuid: ADMIN_UUID, role: 'admin' },
        result: 'thing-1',
        succeeded: true,
        requestId: REQUEST_ID,
      },
    ]);
    expect(events).toEqual(['write reported', 'answered']);
  });

  it('reports no write for a refused answer of the handler', async () => {
    const { post, written } = setup();
    const answer = await post('{"name":"fail"}');
    expect(answer.body).toEqual({ status: 409, code: -1, message: 'already there' });
    expect(written).toEqual([]);
  });

  it("answers an upstream failure in the legacy envelope with the failure's status and code", async () => {
    const { post, written } = setup();
    const answer = await post('{"name":"down"}');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 503, code: -301 });
    expect(written).toEqual([]);
  });
});
