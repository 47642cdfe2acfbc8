import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, SERVICE_NAMES, type ServiceName } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { DEMO_ACCOUNTS } from '../../../reference-services/demo-data';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { createGateway, type Gateway } from '../../../src/create-gateway';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';

const DEPLOY = join(__dirname, '../../../deploy');
type Json = Record<string, unknown>;

/** `name{a="b",…} value` lines of the Prometheus text format, keyed by name and labels. */
function parseMetrics(text: string) {
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  const value = (name: string, labels: Record<string, string | RegExp> = {}) =>
    samples
      .filter(
        (s) =>
          s.name === name &&
          Object.entries(labels).every(([k, v]) =>
            typeof v === 'string' ? s.labels[k] === v : v.test(s.labels[k] ?? ''),
          ),
      )
      .reduce((sum, s) => sum + s.value, 0);
  return { samples, types, value };
}

/** Every dotted field path of a log line (array elements add their keys under the array's path). */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v) => fieldPaths(v, prefix))];
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Json).flatMap(([key, v]) => fieldPaths(v, prefix ? `${prefix}.${key}` : key));
}

describe('metrics, ECS logs and the dashboards over them', () => {
  let services: ReferenceHarness;
  let gateway: Gateway;
  let base: string;
  const lines: string[] = [];
  const logs = () => lines.map((l) => JSON.parse(l) as Json);
  const accessLines = () => logs().filter((l) => (l.event as Json | undefined)?.action === 'http-request');

  const graphql = (query: string, headers: Record<string, string> = {}, variables?: Json) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });

  let token = '';
  const responses: Record<string, Response> = {};

  beforeAll(async () => {
    services = await startReferenceHarness();
    // club points at a closed port, so its calls fail with UNAVAILABLE.
    const addresses = Object.fromEntries(
      SERVICE_NAMES.map((s) => [s, [s === 'club' ? '127.0.0.1:1' : services.services.addresses[s]]]),
    ) as Record<ServiceName, string[]>;
    gateway = await createGateway({
      config: parseConfig({ PORT: '0', HOST: '127.0.0.1', JWT_SECRET_KEY: 'metrics-test', LOG_LEVEL: 'debug' }),
      logger: createLogger({ name: 'gateway', level: 'debug', destination: { write: (l: string) => lines.push(l) } }),
      registry: createStaticRegistry(addresses),
    });
    base = `http://127.0.0.1:${await gateway.listen()}`;

    // The known sequence: a login, two `Me`, a bad token, a failing upstream, a probe.
    responses.login = await graphql(
      'mutation Login($id: String!, $password: String!) { loginStudent(id: $id, password: $password) { accessToken } }',
      {},
      { id: 'student1', password: 'student1234' },
    );
    token = ((await responses.login.json()) as { data: { loginStudent: { accessToken: string } } }).data.loginStudent
      .accessToken;
    const me = 'query Me { me { ... on Student { name } } }';
    responses.me = await graphql(me, { authorization: `Bearer ${token}` });
    responses.meHit = await graphql(me, { authorization: `Bearer ${token}` });
    responses.badToken = await graphql(me, { authorization: 'Bearer not-a-token' });
    responses.clubs = await graphql('query Clubs { clubs { name } }', { authorization: `Bearer ${token}` });
    await fetch(`${base}/healthz`);
    // A cached REST read (route 11), twice: a miss that stores, then a hit.
    for (let i = 0; i < 2; i += 1) {
      responses.restRead = await fetch(`${base}/v1/students/uuid/${DEMO_ACCOUNTS.student1.uuid}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    }
    // What the rate-limit and flood-guard code will report through the counters.
    gateway.telemetry.metrics.rateLimited('login');
    gateway.telemetry.metrics.ipBlocked();
    // Log lines are written when the response has closed on the server side.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  afterAll(async () => {
    await gateway?.close();
    await services?.close();
  });

  it('counts requests by route, operation and status, with latency histograms', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const m = parseMetrics(await res.text());
    expect(responses.login!.status).toBe(200);
    expect(m.value('gateway_http_requests_total', { route: '/graphql', operation: 'Login', status: '200' })).toBe(1);
    expect(m.value('gateway_http_requests_total', { route: '/graphql', operation: 'Me', status: '200' })).toBe(2);
    // The bad token is refused before Apollo resolves the operation.
    expect(m.value('gateway_http_requests_total', { route: '/graphql', status: '401' })).toBe(1);
    expect(m.value('gateway_http_requests_total', { route: '/healthz', operation: '-', status: '200' })).toBe(1);
    expect(m.value('gateway_http_request_duration_seconds_count', { route: '/graphql', operation: 'Me' })).toBe(2);
    expect(
      m.value('gateway_http_request_duration_seconds_bucket', { route: '/graphql', operation: 'Me', le: '+Inf' }),
    ).toBe(2);
  });

  it('counts upstream calls by service, RPC, instance and outcome, and shows every breaker', async () => {
    const m = parseMetrics(await (await fetch(`${base}/metrics`)).text());
    const auth = services.services.addresses.auth;
    expect(
      m.value('gateway_upstream_calls_total', {
        service: 'auth',
        rpc: 'LoginStudentAuth',
        instance: auth,
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(m.value('gateway_upstream_call_duration_seconds_count', { service: 'auth', rpc: 'LoginStudentAuth' })).toBe(
      1,
    );
    expect(
      m.value('gateway_upstream_calls_total', { service: 'club', instance: '127.0.0.1:1', outcome: 'unavailable' }),
    ).toBeGreaterThanOrEqual(1);
    for (const service of SERVICE_NAMES) {
      expect(m.samples.some((s) => s.name === 'gateway_circuit_breaker_state' && s.labels.service === service)).toBe(
        true,
      );
    }
    expect(m.value('gateway_circuit_breaker_state', { service: 'auth' })).toBe(0);
    expect(m.value('gateway_rate_limit_rejections_total', { limiter: 'login' })).toBe(1);
    expect(m.value('gateway_ip_blocks_total')).toBe(1);
  });

  it('counts real response-cache lookups of both front doors (the first `Me` missed and stored, the second hit)', async () => {
    const m = parseMetrics(await (await fetch(`${base}/metrics`)).text());
    expect(responses.restRead?.headers.get('x-cache')).toBe('HIT');
    // The first `Me` and `Clubs` (whose failed answer was not stored) missed.
    expect(m.value('gateway_cache_lookups_total', { cache: 'graphql', result: 'miss' })).toBe(2);
    expect(m.value('gateway_cache_lookups_total', { cache: 'graphql', result: 'hit' })).toBe(1);
    expect(m.value('gateway_cache_lookups_total', { cache: 'rest', result: 'miss' })).toBe(1);
    expect(m.value('gateway_cache_lookups_total', { cache: 'rest', result: 'hit' })).toBe(1);
    expect(m.value('gateway_cache_lookups_total', { cache: 'graphql', result: 'stale' })).toBe(0);
  });

  it('exposes the runtime metrics', async () => {
    const m = parseMetrics(await (await fetch(`${base}/metrics`)).text());
    expect(m.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(m.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // The /metrics scrape itself is in flight while it renders.
    expect(m.value('gateway_http_requests_in_flight')).toBe(1);
  });

  it('writes one ECS line per request with ids, caller, operation, status, error code, latency and upstream calls', () => {
    const login = accessLines().find(
      (l) => (l.gateway as Json).operation && ((l.gateway as Json).operation as Json).name === 'Login',
    )!;
    expect(login).toMatchObject({
      'log.level': 'info',
      'ecs.version': expect.any(String),
      '@timestamp': expect.any(String),
      message: 'POST /graphql Login 200',
      http: {
        request: { id: responses.login!.headers.get('x-request-id'), method: 'POST' },
        response: { status_code: 200 },
      },
      trace: { id: responses.login!.headers.get('x-trace-id') },
      event: { action: 'http-request', outcome: 'success', duration: expect.any(Number) },
      gateway: {
        route: '/graphql',
        operation: { name: 'Login', type: 'mutation' },
        latency_ms: expect.any(Number),
        upstream_count: 1,
        upstream: [
          {
            service: 'auth',
            rpc: 'LoginStudentAuth',
            instance: services.services.addresses.auth,
            outcome: 'ok',
            status: 200,
          },
        ],
      },
    });
    const lineOf = (response: Response) =>
      accessLines().find(
        (l) =>
          (l.http as Json).request && (l.http as { request: Json }).request.id === response.headers.get('x-request-id'),
      )!;
    expect(lineOf(responses.me!).user).toEqual({ id: 'student-000000000001', roles: ['student'] });
    // The second `Me` is answered by the cache's fast path, before Apollo: its line names the caller too.
    expect(responses.meHit!.headers.get('x-cache')).toBe('HIT');
    expect(responses.meHit!.headers.get('cache-control')).toBe('no-store');
    expect(lineOf(responses.meHit!).user).toEqual({ id: 'student-000000000001', roles: ['student'] });
    const bad = accessLines().find((l) => (l.http as { response: Json }).response.status_code === 401)!;
    expect((bad.gateway as Json).error_code).toBe('UNAUTHENTICATED');
    const clubs = accessLines().find((l) => ((l.gateway as Json).operation as Json | undefined)?.name === 'Clubs')!;
    expect((clubs.gateway as Json).error_code).toEqual(expect.any(String));
    expect((clubs.gateway as Json).upstream_failures).toBeGreaterThanOrEqual(1);
  });

  it('writes one line per upstream failure with service, instance, RPC and outcome', () => {
    const failure = logs().find((l) => (l.event as Json | undefined)?.action === 'upstream-call')!;
    expect(failure).toMatchObject({
      'log.level': 'warn',
      http: { request: { id: responses.clubs!.headers.get('x-request-id') } },
      trace: { id: responses.clubs!.headers.get('x-trace-id') },
      gateway: {
        upstream: { service: 'club', instance: '127.0.0.1:1', outcome: 'unavailable', rpc: expect.any(String) },
      },
    });
  });

  it('never logs passwords or tokens', () => {
    const all = lines.join('\n');
    expect(all).not.toContain('student1234');
    expect(all).not.toContain(token);
    expect(all).not.toContain('not-a-token');
  });

  it('the Grafana dashboard only uses metrics /metrics exposes', async () => {
    const dashboard = JSON.parse(readFileSync(join(DEPLOY, 'grafana/dashboards/gateway.json'), 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
      templating: { list: Array<{ definition: string }> };
    };
    const { types } = parseMetrics(await (await fetch(`${base}/metrics`)).text());
    const exposed = new Set<string>();
    for (const [name, type] of types) {
      exposed.add(name);
      if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exposed.add(name + suffix);
    }
    const expressions = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
      ...dashboard.templating.list.map((v) => v.definition),
    ];
    const used = new Set(expressions.flatMap((e) => e.match(/\b(?:gateway|nodejs|process)_[a-z0-9_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(8);
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    // The panels: request rate, latency percentiles, upstream errors, breakers, cache hit ratio.
    const titles = dashboard.panels.map((p) => p.title).join(' | ');
    for (const word of ['Request rate', 'latency percentiles', 'Upstream errors', 'breakers', 'cache hit ratio']) {
      expect(titles).toContain(word);
    }
  });

  it('the Kibana saved objects only use fields the log lines have', () => {
    const objects = readFileSync(join(DEPLOY, 'kibana/gateway-saved-objects.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; attributes: Json });
    const fields = new Set<string>();
    for (const object of objects) {
      const { attributes } = object;
      if (typeof attributes.timeFieldName === 'string') fields.add(attributes.timeFieldName);
      if (Array.isArray(attributes.columns)) for (const c of attributes.columns as string[]) fields.add(c);
      if (typeof attributes.visState === 'string') {
        const vis = JSON.parse(attributes.visState) as { aggs: Array<{ params: { field?: string } }> };
        for (const agg of vis.aggs) if (agg.params.field) fields.add(agg.params.field);
      }
      const meta = attributes.kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined;
      const query = meta?.searchSourceJSON
        ? (JSON.parse(meta.searchSourceJSON) as { query: { query: string } }).query.query
        : '';
      for (const match of query.matchAll(/([\w.@]+)\s*:/g)) fields.add(match[1]!);
    }
    expect(fields.size).toBeGreaterThan(10);
    const logged = new Set(logs().flatMap((line) => fieldPaths(line)));
    expect([...fields].filter((field) => !logged.has(field))).toEqual([]);
    expect(objects.map((o) => o.type)).toEqual(
      expect.arrayContaining(['index-pattern', 'visualization', 'search', 'dashboard']),
    );
  });
});
