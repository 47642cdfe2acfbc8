import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
} from '@opentelemetry/api';
import type { Logger } from '../../core/logger';
import { randomHex } from '../../core/random-hex';
import type { RequestObserver } from '../../http/request-observer';
import type { GatewayMetrics } from '../../core/gateway-metrics';
import { createAccessLog } from './access-log';
import type { RequestRecord } from './request-record';
import type { Tracing } from './tracing';

/** Probes, scrapes and `/ping`: no span, and their log line only at debug level unless they fail. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/ping']);

const pathOf = (url: string | undefined) => {
  const value = url ?? '/';
  const query = value.indexOf('?');
  return query >= 0 ? value.slice(0, query) : value;
};

/**
 * The edge's observer: the record it begins for each request is the request's notes (`RouteRequest.notes`), which
 * the code answering it adds to (its caller, operation, upstream calls).
 */
export type RequestTelemetry = RequestObserver<RequestRecord>;

export interface RequestTelemetryOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  tracing: Tracing;
}

/** The record as the edge keeps it: when the request began, and a traced request's active context. */
type LiveRecord = RequestRecord & { started: bigint; active?: Context };
/** The request's record, on its response: a property is cheaper to set and read than a WeakMap entry. */
const RECORD = Symbol('request record');
type Recorded = ServerResponse & { [RECORD]?: LiveRecord };

/**
 * The edge of every request: a SERVER span continuing an incoming `traceparent`, the request's record in scope,
 * and when the response ends one ECS log line and the request metrics.
 */
export function createRequestTelemetry({ logger, metrics, tracing }: RequestTelemetryOptions): RequestTelemetry {
  const accessLog = createAccessLog(logger);
  const { tracer, propagator } = tracing;

  return {
    began(req, res, requestId, route) {
      const method = req.method ?? 'GET';
      const record: LiveRecord = {
        requestId,
        traceId: '',
        span: undefined,
        tracer: undefined,
        method,
        route: route ?? 'unmatched',
        calls: [],
        started: process.hrtime.bigint(),
      };
      if (tracer && !QUIET_PATHS.has(pathOf(req.url))) {
        const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
        const span = tracer.startSpan(
          route === undefined ? method : `${method} ${route}`,
          { kind: SpanKind.SERVER },
          parent,
        );
        record.span = span;
        record.traceId = span.spanContext().traceId;
        // Only a sampled request is traced past this point: its context made current (the operation, upstream and
        // Redis spans find their parent there) and its spans given their attributes. An unsampled one (most, at a
        // ratio of 1–5%) enters no context and makes no other span: each of those hooks sees no recording span
        // and skips, and its upstream calls carry the trace on unsampled (`upstream-telemetry.ts`). Side by side at
        // a 1% sample, against spans and a context for every request: W1 cached ×1.055, W2 ×1.083 (docs/benchmarks.md).
        if (span.isRecording()) {
          span.setAttributes({
            'http.request.method': method,
            'url.path': pathOf(req.url),
            ...(route === undefined ? {} : { 'http.route': route }),
            'http.request.id': requestId,
            ...(req.headers['user-agent'] ? { 'user_agent.original': req.headers['user-agent'] } : {}),
          });
          record.tracer = tracer;
          record.active = trace.setSpan(parent, span);
        }
      } else {
        record.traceId = randomHex(16);
      }
      res.setHeader('x-trace-id', record.traceId);
      (res as Recorded)[RECORD] = record;
      metrics.requestStarted();
      // When the response ends, finished or cut: the log line and the request's metrics.
      res.on('close', () => finish(req, res, record));
      return record;
    },
    // Only with tracing on: without a scope the server runs the handling directly, with no closure per request.
    ...(tracer
      ? {
          scope(res: ServerResponse, handle: () => void) {
            const active = (res as Recorded)[RECORD]?.active;
            if (active) context.with(active, handle);
            else handle();
          },
        }
      : {}),
    failed(res, code) {
      const record = (res as Recorded)[RECORD];
      if (record) record.errorCode ??= code;
    },
  };

  function finish(req: IncomingMessage, res: ServerResponse, record: LiveRecord): void {
    const nanos = process.hrtime.bigint() - record.started;
    const seconds = Number(nanos) / 1e9;
    const status = res.statusCode;
    const aborted = !res.writableFinished;
    metrics.requestEnded();
    metrics.request(record.route, record.operation?.name ?? '-', status, seconds);
    const { span } = record;
    if (span) {
      span.setAttribute('http.response.status_code', status);
      if (record.errorCode) span.setAttribute('dms.error_code', record.errorCode);
      if (status >= 500 || aborted) span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorCode });
      span.end();
    }
    const level = status >= 500 ? 'warn' : QUIET_PATHS.has(record.route) && status < 400 ? 'debug' : 'info';
    if (!accessLog.enabled(level)) return;
    const message = `${record.method} ${record.route}${record.operation ? ` ${record.operation.name}` : ''} ${status}`;
    accessLog.write(
      level,
      {
        requestId: record.requestId,
        method: record.method,
        status,
        aborted,
        durationNanos: Number(nanos),
        path: pathOf(req.url),
        clientIp: req.socket.remoteAddress,
        traceId: record.traceId,
        spanId: span?.spanContext().spanId,
        caller: record.caller,
        route: record.route,
        operation: record.operation,
        errorCode: record.errorCode,
        calls: record.calls,
      },
      message,
    );
  }
}
