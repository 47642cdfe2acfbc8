import { Metadata, Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import Redis from 'ioredis';
import { parseConfig, SERVICE_NAMES, type ServiceName } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { AuthAdminService } from '../../../grpc-clients/generated/auth/auth-admin';
import { createGateway, type Gateway } from '../../../src/create-gateway';
import { traceRedisCommands } from '../../../src/telemetry/redis-tracing';
import { testRedisUrl } from '../../helpers/test-redis';

/** A fake auth service: answers LoginAdminAuth and keeps the metadata of every call. */
async function startFakeAuth() {
  const received: Metadata[] = [];
  const server = new Server();
  server.addService(AuthAdminService, {
    loginAdminAuth(call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      received.push(call.metadata);
      callback(null, { Status: 200, Code: 0, Message: '', AccessToken: '', LoggedInAdminUUID: 'admin-000000000001' });
    },
    addUnsignedStudents: () => undefined,
    sendJoinSMSToUnsignedStudents: () => undefined,
  } as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.tryShutdown(() => r())),
  };
}

const LOGIN = 'mutation AdminLogin { loginAdmin(id: "admin", password: "admin1234") { accessToken } }';
const first = (metadata: Metadata, key: string) => String(metadata.get(key)[0]);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('traces: HTTP → GraphQL → gRPC, to an in-memory exporter', () => {
  let fake: Awaited<ReturnType<typeof startFakeAuth>>;
  let exporter: InMemorySpanExporter;
  let traced: Gateway;
  let untraced: Gateway;
  let tracedUrl: string;
  let untracedUrl: string;

  const gatewayFor = async (env: Record<string, string>, spanExporter?: InMemorySpanExporter) => {
    const registry = createStaticRegistry(
      Object.fromEntries(SERVICE_NAMES.map((s) => [s, [fake.address]])) as Record<ServiceName, string[]>,
    );
    const gateway = await createGateway({
      config: parseConfig({ PORT: '0', HOST: '127.0.0.1', JWT_SECRET_KEY: 'trace-test', ...env }),
      logger: createLogger({ name: 'trace-test', level: 'silent' }),
      registry,
      ...(spanExporter ? { spanExporter } : {}),
    });
    return { gateway, url: `http://127.0.0.1:${await gateway.listen()}/graphql` };
  };

  beforeAll(async () => {
    fake = await startFakeAuth();
    exporter = new InMemorySpanExporter();
    // OTLP export itself is checked on the built gateway (graceful-shutdown.test.ts): the OTLP exporter loads
    // node:http with a dynamic import(), which Jest's VM refuses.
    ({ gateway: traced, url: tracedUrl } = await gatewayFor({}, exporter));
    ({ gateway: untraced, url: untracedUrl } = await gatewayFor({}));
  });
  afterAll(async () => {
    await traced?.close();
    await untraced?.close();
    await fake?.close();
  });

  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: LOGIN }),
    });

  it('continues an incoming traceparent and chains HTTP → GraphQL operation → gRPC call', async () => {
    exporter.reset();
    fake.received.length = 0;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await post(tracedUrl, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-trace-id')).toBe(traceId);

    const spans = exporter.getFinishedSpans();
    const http = spans.find((s) => s.kind === SpanKind.SERVER);
    const operation = spans.find((s) => s.name === 'mutation AdminLogin');
    const grpc = spans.find((s) => s.name === 'auth/LoginAdminAuth');
    expect(http?.name).toBe('POST /graphql');
    expect(http?.attributes['http.route']).toBe('/graphql');
    expect(http?.spanContext().traceId).toBe(traceId);
    expect(parentOf(http!)).toBe('00f067aa0ba902b7');
    expect(http?.attributes['http.response.status_code']).toBe(200);
    expect(parentOf(operation!)).toBe(http!.spanContext().spanId);
    expect(operation?.attributes['graphql.operation.name']).toBe('AdminLogin');
    expect(parentOf(grpc!)).toBe(operation!.spanContext().spanId);
    expect(grpc?.kind).toBe(SpanKind.CLIENT);
    expect(grpc?.attributes).toMatchObject({
      'rpc.system': 'grpc',
      'rpc.method': 'LoginAdminAuth',
      'dms.upstream.service': 'auth',
      'dms.upstream.instance': expect.any(String),
      'dms.upstream.outcome': 'ok',
      'dms.upstream.status': 200,
    });
    for (const span of [http, operation, grpc]) expect(span?.spanContext().traceId).toBe(traceId);

    // The service got the client span in both formats, on the same trace, with the request id.
    const metadata = fake.received[0]!;
    const grpcId = grpc!.spanContext().spanId;
    expect(first(metadata, 'traceparent')).toBe(`00-${traceId}-${grpcId}-01`);
    expect(first(metadata, 'span-context')).toBe(`${traceId}:${grpcId}:${operation!.spanContext().spanId}:1`);
    expect(first(metadata, 'x-request-id')).toBe(res.headers.get('x-request-id'));
  });

  it('samples by OTEL_TRACES_SAMPLER_ARG but still propagates the trace when a request is not sampled', async () => {
    const { gateway, url } = await gatewayFor({ OTEL_TRACES_SAMPLER_ARG: '0' }, new InMemorySpanExporter());
    try {
      fake.received.length = 0;
      const res = await post(url);
      expect(res.status).toBe(200);
      const traceId = res.headers.get('x-trace-id');
      expect(first(fake.received[0]!, 'traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
      // The legacy header says it too (flags 0), with no parent: an unsampled request makes no span to name.
      expect(first(fake.received[0]!, 'span-context')).toMatch(new RegExp(`^${traceId}:[0-9a-f]{16}:0:0$`));
    } finally {
      await gateway.close();
    }
  });

  it('with tracing off sends only the legacy span-context, on the trace id the response names', async () => {
    fake.received.length = 0;
    const res = await post(untracedUrl);
    expect(res.status).toBe(200);
    const metadata = fake.received[0]!;
    expect(metadata.get('traceparent')).toEqual([]);
    expect(first(metadata, 'span-context')).toMatch(new RegExp(`^${res.headers.get('x-trace-id')}:[0-9a-f]{16}:0:1$`));
    expect(untraced.telemetry.tracing.tracer).toBeUndefined();
  });

  it('traces Redis commands made while a request span is current', async () => {
    const tracer = traced.telemetry.tracing.tracer!;
    const redis = new Redis(testRedisUrl(14), { lazyConnect: true });
    await redis.connect();
    try {
      traceRedisCommands(redis, tracer);
      exporter.reset();
      await redis.ping(); // no current span: not traced
      const parent = tracer.startSpan('request');
      await context.with(trace.setSpan(context.active(), parent), async () => {
        await redis.set('telemetry-test:key', 'v', 'PX', 5000);
        await redis.get('telemetry-test:key');
      });
      parent.end();
      const spans = exporter.getFinishedSpans();
      const names = spans.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['redis SET', 'redis GET']));
      expect(names).not.toContain('redis PING');
      const set = spans.find((s) => s.name === 'redis SET')!;
      expect(parentOf(set)).toBe(parent.spanContext().spanId);
      expect(set.attributes['db.system']).toBe('redis');
      expect(JSON.stringify(set.attributes)).not.toContain('telemetry-test:key');
    } finally {
      redis.disconnect();
    }
  });
});
