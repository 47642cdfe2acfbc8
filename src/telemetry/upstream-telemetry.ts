import { performance } from 'node:perf_hooks';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from '../../core/logger';
import { randomHex } from '../../core/random-hex';
import type { GatewayMetrics } from '../../core/gateway-metrics';
import type { TraceHeaders } from '../../grpc-clients/upstream-metadata';
import type { UpstreamAttempt, UpstreamObserver } from '../../grpc-clients/upstream-observer';
import { createUpstreamRecorder, outcomeOf } from '../../grpc-clients/upstream-recorder';
import type { Tracing } from './tracing';

export interface UpstreamTelemetryOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  tracing: Tracing;
}

/**
 * The call path's observer: what it records of every attempt (`upstream-recorder.ts`: a metric, the attempt in the
 * request's record, a log line per failure) and, with tracing on, a CLIENT span per attempt of a sampled request
 * (child of whatever is current: the GraphQL operation or the REST route), its ids sent as `traceparent` and as the
 * legacy Jaeger `span-context`.
 */
export function createUpstreamTelemetry({ logger, metrics, tracing }: UpstreamTelemetryOptions): UpstreamObserver {
  const { tracer } = tracing;
  const recorder = createUpstreamRecorder({ logger, metrics });
  if (!tracer) return recorder;
  /**
   * An attempt of a request that is not sampled (or of no request): no span, recorded as an untraced attempt is,
   * and the trace carried on unsampled in both formats, on the trace id the request's log line shows, so the
   * services do not start sampled traces of their own.
   */
  const unsampled = async <T>(attempt: UpstreamAttempt, send: (trace: TraceHeaders) => Promise<T>): Promise<T> => {
    const traceId = attempt.context.journal?.traceId || randomHex(16);
    const spanId = randomHex(8);
    const startedAt = performance.now();
    try {
      const reply = await send({ traceparent: `00-${traceId}-${spanId}-00`, spanContext: `${traceId}:${spanId}:0:0` });
      recorder.succeeded(attempt, startedAt, reply);
      return reply;
    } catch (error) {
      recorder.failed(attempt, startedAt, error);
      throw error;
    }
  };
  return {
    ...recorder,
    async traced<T>(attempt: UpstreamAttempt, send: (trace: TraceHeaders | undefined) => Promise<T>): Promise<T> {
      const active = context.active();
      const parent = trace.getSpan(active);
      if (!parent?.isRecording()) return unsampled(attempt, send);
      const startedAt = performance.now();
      const { service, rpc, instance, context: call } = attempt;
      const parentId = parent.spanContext().spanId;
      const span = tracer.startSpan(
        `${service}/${rpc}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'rpc.system': 'grpc',
            'rpc.method': rpc,
            'dms.upstream.service': service,
            'dms.upstream.instance': instance.id,
            'server.address': instance.address,
            'http.request.id': call.requestId,
          },
        },
        active,
      );
      const { traceId, spanId, traceFlags } = span.spanContext();
      const sampled = traceFlags & 1;
      const headers: TraceHeaders = {
        traceparent: `00-${traceId}-${spanId}-0${sampled}`,
        spanContext: `${traceId}:${spanId}:${parentId}:${sampled}`,
      };
      const ended = (outcome: string, reply: unknown) => {
        const entry = recorder.record(attempt, startedAt, outcome, reply);
        span.setAttribute('dms.upstream.outcome', outcome);
        if (entry.status !== undefined) span.setAttribute('dms.upstream.status', entry.status);
        if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        span.end();
        return entry;
      };
      try {
        const reply = await context.with(trace.setSpan(active, span), () => send(headers));
        ended('ok', reply);
        return reply;
      } catch (error) {
        const entry = ended(outcomeOf(error), undefined);
        recorder.logFailure(entry, instance.address, call.requestId, call.journal, error);
        throw error;
      }
    },
  };
}
