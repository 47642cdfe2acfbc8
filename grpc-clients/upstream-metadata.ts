import { Metadata } from '@grpc/grpc-js';
import { randomHex } from '../core/random-hex';
import type { UpstreamJournal } from './upstream-observer';

/** What every upstream call carries about the request it serves. */
export interface UpstreamCallContext {
  /** Put into the request's `UUID`/`uuid` field when the caller did not set it. */
  callerUuid: string;
  /** The client address, for per-caller rate limits when there is no caller uuid (never sent upstream). */
  clientIp?: string;
  /** Sent as `x-request-id`; the services reject calls without a UUID here. */
  requestId: string;
  /** Sent as `span-context` in Jaeger's text format `traceid:spanid:parentid:flags`. */
  spanContext: string;
  /** Unix ms after which no call of this request starts and none runs on (the request's overall budget). */
  deadlineAt?: number;
  /** The request's record, where telemetry writes each attempt down; none outside a request (tests, tools). */
  journal?: UpstreamJournal;
}

/**
 * The tracing headers of one call when tracing is on: W3C `traceparent` and the legacy Jaeger `span-context`,
 * both naming the call's own client span, so the services' spans join the gateway's trace.
 */
export interface TraceHeaders {
  traceparent: string;
  spanContext: string;
}

/** A fresh Jaeger-format span context (`traceid:spanid:parentid:flags`), on the given trace when there is one. */
export function newSpanContext(traceId: string = randomHex(16)): string {
  return `${traceId}:${randomHex(8)}:0:1`;
}

export function upstreamMetadata(context: UpstreamCallContext, trace?: TraceHeaders): Metadata {
  const metadata = new Metadata();
  metadata.set('x-request-id', context.requestId);
  metadata.set('span-context', trace?.spanContext ?? context.spanContext);
  if (trace) metadata.set('traceparent', trace.traceparent);
  return metadata;
}
