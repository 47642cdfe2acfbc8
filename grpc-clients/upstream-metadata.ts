import { randomBytes } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';

/** What every upstream call carries about the request it serves. */
export interface UpstreamCallContext {
  /** Put into the request's `UUID`/`uuid` field when the caller did not set it. */
  callerUuid: string;
  /** Sent as `x-request-id`; the services reject calls without a UUID here. */
  requestId: string;
  /** Sent as `span-context` in Jaeger's text format `traceid:spanid:parentid:flags`. */
  spanContext: string;
  /** Unix ms after which no call of this request starts and none runs on (the request's overall budget). */
  deadlineAt?: number;
}

/** A fresh Jaeger-format span context for a request that arrived without one. */
export function newSpanContext(): string {
  return `${randomBytes(16).toString('hex')}:${randomBytes(8).toString('hex')}:0:1`;
}

export function upstreamMetadata(context: UpstreamCallContext): Metadata {
  const metadata = new Metadata();
  metadata.set('x-request-id', context.requestId);
  metadata.set('span-context', context.spanContext);
  return metadata;
}
