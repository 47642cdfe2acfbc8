import { performance } from 'node:perf_hooks';
import { status as grpcStatus } from '@grpc/grpc-js';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { ErrorCode, UnavailableReason } from '../../core/error-codes';
import type { Logger } from '../../core/logger';
import type { TraceHeaders } from '../../grpc-clients/upstream-metadata';
import type {
  UpstreamAttempt,
  UpstreamCallRecord,
  UpstreamJournal,
  UpstreamObserver,
} from '../../grpc-clients/upstream-observer';
import { BreakerOpenError } from '../../resilience/instance-breakers';
import type { GatewayMetrics } from './gateway-metrics';
import type { Tracing } from './tracing';

/** `ok`, `circuit_open`, or the gRPC code in snake case (`unavailable`, `deadline_exceeded`, …). */
export function outcomeOf(error: unknown): string {
  if (error instanceof BreakerOpenError) return 'circuit_open';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && grpcStatus[code] !== undefined) return grpcStatus[code].toLowerCase();
  return 'error';
}

/** The in-message status of a legacy reply (`status` or `Status`), if it has one. */
function replyStatus(reply: unknown): number | undefined {
  const value =
    (reply as { status?: unknown; Status?: unknown } | undefined)?.status ?? (reply as { Status?: unknown })?.Status;
  return typeof value === 'number' ? value : undefined;
}

export interface UpstreamTelemetryOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  tracing: Tracing;
}

/**
 * A CLIENT span per upstream attempt (child of whatever is current: the GraphQL operation or the REST route),
 * its ids sent as `traceparent` and as the legacy Jaeger `span-context`; a metric per attempt; a log line per
 * failure; and the attempt added to the request's record.
 */
export function createUpstreamTelemetry({ logger, metrics, tracing }: UpstreamTelemetryOptions): UpstreamObserver {
  const { tracer } = tracing;

  const logFailure = (
    call: UpstreamCallRecord,
    address: string | undefined,
    requestId: string,
    journal: UpstreamJournal | undefined,
    error: unknown,
    level: 'warn' | 'debug' = 'warn',
  ) => {
    logger[level](
      {
        event: {
          action: 'upstream-call',
          kind: 'event',
          category: ['network'],
          type: ['connection'],
          outcome: 'failure',
        },
        http: { request: { id: requestId } },
        ...(journal ? { trace: { id: journal.traceId } } : {}),
        gateway: { upstream: { ...call, ...(address ? { address } : {}) } },
        error: { message: (error as Error)?.message ?? String(error), code: call.outcome },
      },
      `upstream ${call.service}/${call.rpc} ${call.outcome}`,
    );
  };

  /** One attempt ended: its metric, its entry in the request's record, and its span's end when it had one. */
  const record = (attempt: UpstreamAttempt, startedAt: number, outcome: string, reply: unknown, span?: Span) => {
    const { service, rpc, instance, context: call } = attempt;
    const seconds = (performance.now() - startedAt) / 1000;
    metrics.upstreamCall(service, rpc, instance.id, outcome, outcome === 'circuit_open' ? undefined : seconds);
    const status = replyStatus(reply);
    const entry: UpstreamCallRecord = {
      service,
      rpc,
      instance: instance.id,
      outcome,
      duration_ms: Math.round(seconds * 1e6) / 1e3,
      ...(status !== undefined ? { status } : {}),
    };
    call.journal?.calls.push(entry);
    if (span) {
      span.setAttribute('dms.upstream.outcome', outcome);
      if (status !== undefined) span.setAttribute('dms.upstream.status', status);
      if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      span.end();
    }
    return entry;
  };

  return {
    succeeded: (attempt, startedAt, reply) => void record(attempt, startedAt, 'ok', reply),
    failed(attempt, startedAt, error) {
      const entry = record(attempt, startedAt, outcomeOf(error), undefined);
      logFailure(entry, attempt.instance.address, attempt.context.requestId, attempt.context.journal, error);
    },
    ...(tracer
      ? {
          async traced<T>(attempt: UpstreamAttempt, send: (trace: TraceHeaders | undefined) => Promise<T>): Promise<T> {
            const startedAt = performance.now();
            const { service, rpc, instance, context: call } = attempt;
            const active = context.active();
            const parentId = trace.getSpan(active)?.spanContext().spanId ?? '0';
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
            try {
              const reply = await context.with(trace.setSpan(active, span), () => send(headers));
              record(attempt, startedAt, 'ok', reply, span);
              return reply;
            } catch (error) {
              const entry = record(attempt, startedAt, outcomeOf(error), undefined, span);
              logFailure(entry, instance.address, call.requestId, call.journal, error);
              throw error;
            }
          },
        }
      : {}),
    unattempted({ service, rpc, context: call }, error) {
      const outcome =
        error.code === ErrorCode.UPSTREAM_TIMEOUT
          ? 'out_of_time'
          : error.details.reason === UnavailableReason.CIRCUIT_OPEN
            ? 'circuit_open'
            : 'no_instance';
      metrics.upstreamCall(service, rpc, '-', outcome);
      const entry: UpstreamCallRecord = { service, rpc, instance: '-', outcome, duration_ms: 0 };
      call.journal?.calls.push(entry);
      // A call refused because nothing can take it is the answer that must cost least while a service is down:
      // the breaker logged its opening once, the request's line names the outcome, and a line per refused call
      // would flood the log for as long as the outage lasts. Running out of time is the request's own event.
      if (outcome === 'out_of_time' || logger.isLevelEnabled('debug'))
        logFailure(entry, undefined, call.requestId, call.journal, error, outcome === 'out_of_time' ? 'warn' : 'debug');
    },
  };
}
