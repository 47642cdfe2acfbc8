import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span, Tracer } from '@opentelemetry/api';

/** One upstream attempt as the request's log line lists it. */
export interface UpstreamCallRecord {
  service: string;
  rpc: string;
  /** Instance id, `-` when no instance was tried. */
  instance: string;
  outcome: string;
  duration_ms: number;
  /** The in-message status the service answered with (business outcome), when it answered. */
  status?: number;
}

/**
 * What the request's telemetry learns while it runs: the HTTP layer fills the route, the Apollo plugin the
 * operation, caller and error code, the upstream observer the calls. Read back once, when the response ends.
 */
export interface RequestRecord {
  requestId: string;
  /** The OTel trace id when tracing is on; otherwise the trace id of the legacy `span-context` sent upstream. */
  traceId: string;
  /** The HTTP server span (tracing on and sampled or not); undefined when tracing is off. */
  span: Span | undefined;
  tracer: Tracer | undefined;
  method: string;
  route: string;
  operation?: { name: string; type: string };
  caller?: { uuid: string; role: string };
  errorCode?: string;
  upstream: UpstreamCallRecord[];
}

const scope = new AsyncLocalStorage<RequestRecord>();

/** Runs one request's handling with its record reachable from anything it awaits. */
export function runInRequestScope(record: RequestRecord, run: () => void): void {
  scope.run(record, run);
}

/** The record of the request being handled, from any code it calls (resolvers, plugins, upstream calls). */
export function currentRequest(): RequestRecord | undefined {
  return scope.getStore();
}
