import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { parse } from 'yaml';
import { parseConfig } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { createMetricsRegistry } from '../../../core/metrics-registry';
import { BreakerOpenError } from '../../../resilience/instance-breakers';
import { createGatewayMetrics } from '../../../core/gateway-metrics';
import { createTracing } from '../../../src/telemetry/tracing';
import { outcomeOf } from '../../../grpc-clients/upstream-recorder';

describe('ECS logger', () => {
  it('writes ECS fields and redacts passwords, tokens, Authorization and cookies wherever they sit', () => {
    const lines: string[] = [];
    const logger = createLogger({
      name: 'gateway',
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    logger.info(
      {
        password: 'p1',
        variables: { password: 'p2', input: { password: 'p3' } },
        accessToken: 't1',
        req: { headers: { authorization: 'Bearer t2', cookie: 'sid=c1' } },
        http: { request: { headers: { authorization: 'Bearer t3' } } },
        err: new Error('boom'),
      },
      'hello',
    );
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      'log.level': 'info',
      'log.logger': 'gateway',
      'service.name': 'gateway',
      message: 'hello',
      'ecs.version': expect.any(String),
      '@timestamp': expect.any(String),
      error: { type: 'Error', message: 'boom', stack_trace: expect.any(String) },
    });
    for (const secret of ['p1', 'p2', 'p3', 't1', 't2', 't3', 'c1']) expect(lines[0]).not.toContain(secret);
  });
});

describe('gateway metrics', () => {
  it('keeps client-chosen operation names from exploding the label set', async () => {
    const registry = createMetricsRegistry();
    const metrics = createGatewayMetrics(registry);
    metrics.request('/graphql', 'Me', 200, 0.01);
    metrics.request('/graphql', 'not a name!', 200, 0.01);
    for (let i = 0; i < 250; i += 1) metrics.request('/graphql', `Op${i}`, 200, 0.01);
    const values = (await registry.getSingleMetric('gateway_http_requests_total')!.get()).values;
    const operations = new Set(values.map((v) => v.labels.operation));
    expect(operations.has('Me')).toBe(true);
    expect(operations.has('other')).toBe(true);
    expect(operations.size).toBeLessThanOrEqual(201);
  });

  it('reads breaker states at scrape time', async () => {
    const registry = createMetricsRegistry();
    let state: 'closed' | 'open' = 'closed';
    createGatewayMetrics(registry, () => [{ service: 'auth', instance: 'a:1', state }]);
    const read = async () => (await registry.getSingleMetric('gateway_circuit_breaker_state')!.get()).values[0]?.value;
    expect(await read()).toBe(0);
    state = 'open';
    expect(await read()).toBe(2);
  });
});

describe('upstream outcome', () => {
  it('names breaker refusals and gRPC codes', () => {
    expect(outcomeOf(new BreakerOpenError('auth', { id: 'a:1', address: 'a:1' } as never))).toBe('circuit_open');
    expect(outcomeOf({ code: status.UNAVAILABLE })).toBe('unavailable');
    expect(outcomeOf({ code: status.DEADLINE_EXCEEDED })).toBe('deadline_exceeded');
    expect(outcomeOf(new Error('x'))).toBe('error');
  });
});

describe('tracing settings', () => {
  it('is off without an endpoint or exporter, and reads its settings from the environment once', () => {
    expect(createTracing({ serviceName: 'x' }).tracer).toBeUndefined();
    const config = parseConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      SHUTDOWN_GRACE_MS: '5000',
    });
    expect(config.telemetry).toEqual({
      serviceName: 'dms-sms-gateway',
      otlpEndpoint: 'http://jaeger:4318',
      sampleRatio: 0.25,
    });
    expect(config.shutdownGraceMs).toBe(5000);
    expect(parseConfig({}).telemetry.otlpEndpoint).toBeUndefined();
    expect(() => parseConfig({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });
});

describe('deploy/docker-compose.yml', () => {
  it('is valid YAML with the whole stack and two gateway replicas', () => {
    const deploy = join(__dirname, '../../../deploy');
    const compose = parse(readFileSync(join(deploy, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'consul',
        'redis',
        'jaeger',
        'prometheus',
        'grafana',
        'services',
        'gateway-1',
        'gateway-2',
      ]),
    );
    expect(compose.services['gateway-2']?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
    expect(compose.services.services?.environment?.CONSUL_HTTP_ADDR).toBe('consul:8500');
    const prometheus = parse(readFileSync(join(deploy, 'prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    expect(prometheus.scrape_configs[0]?.static_configs[0]?.targets).toEqual(['gateway-1:4000', 'gateway-2:4000']);
  });
});
