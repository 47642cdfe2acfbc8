import { Metadata } from '@grpc/grpc-js';

/** Why a call's tracing metadata was rejected (legacy-api.md §2.5). */
export type MetadataProblem = 'x-request-id' | 'span-context';

const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
// Jaeger's text format: traceid:spanid:parentid:flags, hex ids.
const SPAN_CONTEXT_PATTERN = /^[0-9a-f]{1,32}:[0-9a-f]{1,16}:[0-9a-f]{1,16}:[0-9a-f]{1,2}$/i;

export interface CallMetadata {
  requestId: string;
  spanContext: string;
}

export function firstValue(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

/** Returns the parsed metadata, or which header is missing or malformed. */
export function parseCallMetadata(metadata: Metadata): CallMetadata | { problem: MetadataProblem; detail: string } {
  const requestId = firstValue(metadata, 'x-request-id');
  if (requestId === undefined || !UUID_PATTERN.test(requestId)) {
    return {
      problem: 'x-request-id',
      detail: requestId === undefined ? 'missing X-Request-Id' : 'invalid X-Request-Id',
    };
  }
  const spanContext = firstValue(metadata, 'span-context');
  if (spanContext === undefined || !SPAN_CONTEXT_PATTERN.test(spanContext)) {
    return {
      problem: 'span-context',
      detail: spanContext === undefined ? 'missing Span-Context' : 'invalid Span-Context',
    };
  }
  return { requestId, spanContext };
}

/** Metadata for a service-to-service call: the caller's request id and span context travel on. */
export function forwardMetadata(call: CallMetadata): Metadata {
  const metadata = new Metadata();
  metadata.set('x-request-id', call.requestId);
  metadata.set('span-context', call.spanContext);
  return metadata;
}
