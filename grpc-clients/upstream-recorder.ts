import { performance } from 'node:perf_hooks';
import { status as grpcStatus } from '@grpc/grpc-js';
import { ErrorCode, UnavailableReason } from '../core/error-codes';
import type { GatewayMetrics } from '../core/gateway-metrics';
import type { Logger } from '../core/logger';
import { BreakerOpenError } from '../resilience/instance-breakers';
import type { UpstreamAttempt, UpstreamCallRecord, UpstreamJournal, UpstreamObserver } from './upstream-observer';

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

export interface UpstreamRecorderOptions {
  logger: Logger;
  metrics: Pick<GatewayMetrics, 'upstreamCall'>;
}

/** The observer's untraced half, and what a traced attempt records besides its span. */
export interface UpstreamRecorder extends UpstreamObserver {
  /** One attempt ended: its metric and its entry in the request's record (returned, for a span to show). */
  record(attempt: UpstreamAttempt, startedAt: number, outcome: string, reply: unknown): UpstreamCallRecord;
  /** A failed attempt's log line (warn), or an unattempted call's (debug unless it ran out of time). */
  logFailure(
    call: UpstreamCallRecord,
    address: string | undefined,
    requestId: string,
    journal: UpstreamJournal | undefined,
    error: unknown,
    level?: 'warn' | 'debug',
  ): void;
}

/**
 * What the call path records of every attempt, beside it in grpc-clients/ (no hop to the telemetry wiring per
 * call): a metric per attempt, the attempt in the request's record (its log line lists the calls), and a log line
 * per failure. Tracing adds a span around it (`src/telemetry/upstream-telemetry.ts`).
 */
export function createUpstreamRecorder({ logger, metrics }: UpstreamRecorderOptions): UpstreamRecorder {
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

  const record = (attempt: UpstreamAttempt, startedAt: number, outcome: string, reply: unknown) => {
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
    return entry;
  };

  return {
    record,
    logFailure,
    succeeded: (attempt, startedAt, reply) => void record(attempt, startedAt, 'ok', reply),
    failed(attempt, startedAt, error) {
      const entry = record(attempt, startedAt, outcomeOf(error), undefined);
      logFailure(entry, attempt.instance.address, attempt.context.requestId, attempt.context.journal, error);
    },
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
