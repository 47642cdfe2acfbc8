import { hostname } from 'node:os';
import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  /** `service.name` of every span. */
  serviceName: string;
  /** OTLP/HTTP collector base URL; spans are batched to `<url>/v1/traces`. */
  otlpEndpoint?: string | undefined;
  /** Share of new root traces sampled (an incoming `traceparent` decides for its own trace). @default 1 */
  sampleRatio?: number;
  /** Tests: every span goes here synchronously as it ends (an in-memory exporter). */
  exporter?: SpanExporter;
}

/**
 * The gateway's tracer, or none. Without an exporter nothing is created: no provider, no context manager, and
 * every telemetry path checks `tracer` once and skips (near-zero cost when off). The provider is not registered
 * globally: the tracer is handed down, so two gateways in one process (tests) never share or fight over it.
 */
export interface Tracing {
  tracer: Tracer | undefined;
  propagator: W3CTraceContextPropagator;
  /** Exports what is buffered (tests assert after it). */
  flush(): Promise<void>;
  /** Flushes and stops the exporter; the last resource the gateway closes. */
  close(): Promise<void>;
}

export function createTracing(options: TracingOptions): Tracing {
  const propagator = new W3CTraceContextPropagator();
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  if (processors.length === 0) {
    return { tracer: undefined, propagator, flush: async () => {}, close: async () => {} };
  }
  // Parent and child spans are linked through the active context, carried across awaits by AsyncLocalStorage.
  // Registering twice (a second gateway in a test) keeps the first manager, which works for both.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      'service.instance.id': `${hostname()}:${process.pid}`,
    }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors: processors,
  });
  return {
    tracer: provider.getTracer('dms-sms-gateway'),
    propagator,
    flush: () => provider.forceFlush(),
    close: () => provider.shutdown(),
  };
}
