import type { ServiceName } from '../core/config';
import type { GatewayError } from '../core/errors';
import type { ServiceInstance } from '../discovery/service-registry';
import type { TraceHeaders, UpstreamCallContext } from './upstream-metadata';

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
 * Where one request's upstream attempts are written down: the request's own record, handed down with its call
 * context (no async-context lookup: nothing is carried across awaits implicitly).
 */
export interface UpstreamJournal {
  /** The trace id the request's log line shows (the legacy `span-context` of its calls uses it too). */
  traceId: string;
  calls: UpstreamCallRecord[];
}

/** One attempt of an upstream call: one RPC sent (or refused by its breaker) to one instance. */
export interface UpstreamAttempt {
  service: ServiceName;
  rpc: string;
  instance: ServiceInstance;
  context: UpstreamCallContext;
}

/**
 * Watches every upstream call for telemetry (spans, metrics, failure logs) without `call.ts` knowing how. Untraced,
 * `call.ts` times each attempt and reports it once it ended (`succeeded` or `failed`: one call, nothing handed
 * over). Traced, the observer runs the attempt itself (`traced`), so it can make its span current and hand `send`
 * the tracing headers to put into the call's metadata; it reports the attempt itself then.
 */
export interface UpstreamObserver {
  /** Present only while tracing is on. */
  traced?<T>(attempt: UpstreamAttempt, send: (trace: TraceHeaders | undefined) => Promise<T>): Promise<T>;
  /** An untraced attempt answered; `startedAt` is `performance.now()` when it began. */
  succeeded(attempt: UpstreamAttempt, startedAt: number, reply: unknown): void;
  /** An untraced attempt failed (or its breaker refused it). */
  failed(attempt: UpstreamAttempt, startedAt: number, error: unknown): void;
  /** A call that never reached an instance: none known, every breaker open, or the request out of time. */
  unattempted(call: { service: ServiceName; rpc: string; context: UpstreamCallContext }, error: GatewayError): void;
}
