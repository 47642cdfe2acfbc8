import { z } from 'zod';
import { defineSettings } from './define-settings';

/** Traces and the name on spans and log lines. */
export const telemetrySettings = defineSettings({
  env: {
    /** OTLP/HTTP collector base URL (spans go to `<url>/v1/traces`); unset = tracing off. @default unset */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    /** Share of new traces sampled, 0…1 (an incoming sampled `traceparent` is always followed). @default 1 */
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
    /** `service.name` of the spans and log lines. @default "dms-sms-gateway" */
    OTEL_SERVICE_NAME: z.string().min(1).default('dms-sms-gateway'),
  },
  read: (e) => ({
    /** Traces are off when `otlpEndpoint` is unset. */
    telemetry: {
      serviceName: e.OTEL_SERVICE_NAME,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
      sampleRatio: e.OTEL_TRACES_SAMPLER_ARG,
    },
  }),
});
