import type { Logger } from '../../core/logger';
import type { Registry } from '../../core/metrics-registry';
import type { UpstreamObserver } from '../../grpc-clients/upstream-observer';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { RequestHooks } from '../graphql/request-hooks';
import { telemetryRequestHooks } from './apollo-telemetry';
import { createGatewayMetrics, type BreakerSnapshot, type GatewayMetrics } from '../../core/gateway-metrics';
import { createRequestTelemetry, type RequestTelemetry } from './request-telemetry';
import { createTracing, type Tracing } from './tracing';
import { createUpstreamTelemetry } from './upstream-telemetry';

export interface TelemetryOptions {
  logger: Logger;
  registry: Registry;
  serviceName: string;
  /** Unset: tracing off. */
  otlpEndpoint: string | undefined;
  sampleRatio: number;
  /** Tests: spans go here as they end. */
  spanExporter?: SpanExporter;
  breakerStates(): Iterable<BreakerSnapshot>;
}

/** Logs, traces and metrics of one gateway, as the pieces the wiring plugs in. */
export interface Telemetry {
  tracing: Tracing;
  metrics: GatewayMetrics;
  /** The HTTP edge: span, request record, access log line, request metrics. */
  requests: RequestTelemetry;
  /** `CallDeps.observer`: upstream spans, metrics and failure log lines. */
  upstream: UpstreamObserver;
  /** Apollo's request events: the operation and error code on the record, unexpected errors logged. */
  graphqlHooks: RequestHooks;
  close(): Promise<void>;
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const tracing = createTracing({
    serviceName: options.serviceName,
    otlpEndpoint: options.otlpEndpoint,
    sampleRatio: options.sampleRatio,
    ...(options.spanExporter ? { exporter: options.spanExporter } : {}),
  });
  const metrics = createGatewayMetrics(options.registry, options.breakerStates);
  const { logger } = options;
  return {
    tracing,
    metrics,
    requests: createRequestTelemetry({ logger, metrics, tracing }),
    upstream: createUpstreamTelemetry({ logger, metrics, tracing }),
    graphqlHooks: telemetryRequestHooks(logger),
    async close() {
      await tracing.close().catch((err: unknown) => logger.warn({ err }, 'flushing spans failed'));
    },
  };
}
