import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createGatewayMetrics } from '../../../core/gateway-metrics';
import { createLogger } from '../../../core/logger';
import { createMetricsRegistry } from '../../../core/metrics-registry';
import type { UpstreamAttempt } from '../../../grpc-clients/upstream-observer';
import type { TraceHeaders } from '../../../grpc-clients/upstream-metadata';
import { createRequestTelemetry } from '../../../src/telemetry/request-telemetry';
import { createTracing } from '../../../src/telemetry/tracing';
import { createUpstreamTelemetry } from '../../../src/telemetry/upstream-telemetry';

const logger = createLogger({ name: 'sampling-test', level: 'silent' });

function telemetryAt(sampleRatio: number) {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing({ serviceName: 'sampling-test', exporter, sampleRatio });
  const metrics = createGatewayMetrics(createMetricsRegistry());
  return {
    exporter,
    requests: createRequestTelemetry({ logger, metrics, tracing }),
    upstream: createUpstreamTelemetry({ logger, metrics, tracing }),
  };
}

/** A request as the edge sees it when it begins: no socket is needed before the response ends. */
function begin(telemetry: ReturnType<typeof telemetryAt>) {
  const req = { method: 'POST', url: '/graphql', headers: {} } as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { setHeader: () => undefined }) as unknown as ServerResponse;
  const record = telemetry.requests.began(req, res, 'request-1', '/graphql')!;
  return { res, record };
}

describe('tracing work only for sampled requests', () => {
  it('an unsampled request enters no context and hands its operation no tracer', () => {
    const telemetry = telemetryAt(0);
    const { res, record } = begin(telemetry);
    let current: unknown = 'not run';
    telemetry.requests.scope!(res, () => {
      current = trace.getSpan(context.active());
    });
    expect(current).toBeUndefined();
    expect(record.tracer).toBeUndefined();
    // Its log line still names the trace it belongs to.
    expect(record.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(record.span?.spanContext().traceId).toBe(record.traceId);
  });

  it('a sampled request makes its server span current and hands its operation the tracer', () => {
    const telemetry = telemetryAt(1);
    const { res, record } = begin(telemetry);
    let current: unknown;
    telemetry.requests.scope!(res, () => {
      current = trace.getSpan(context.active());
    });
    expect(current).toBe(record.span);
    expect(record.tracer).toBeDefined();
  });

  it('an upstream attempt outside a sampled request makes no span and carries the trace on unsampled', async () => {
    const telemetry = telemetryAt(1);
    const calls: TraceHeaders[] = [];
    const journal = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', calls: [] };
    const attempt = {
      service: 'auth',
      rpc: 'LoginAdminAuth',
      instance: { id: 'auth-1', address: '127.0.0.1:1' },
      context: { callerUuid: '', requestId: 'request-1', spanContext: 'unused', journal },
    } as unknown as UpstreamAttempt;
    const reply = await telemetry.upstream.traced!(attempt, async (headers) => {
      calls.push(headers!);
      return { Status: 200 };
    });
    expect(reply).toEqual({ Status: 200 });
    expect(calls[0]?.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
    expect(calls[0]?.spanContext).toMatch(/^4bf92f3577b34da6a3ce929d0e0e4736:[0-9a-f]{16}:0:0$/);
    expect(telemetry.exporter.getFinishedSpans()).toEqual([]);
    // Recorded as any attempt is: the request's log line lists it.
    expect(journal.calls).toEqual([expect.objectContaining({ service: 'auth', rpc: 'LoginAdminAuth', outcome: 'ok' })]);
  });
});
