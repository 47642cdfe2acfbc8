import type { Span, Tracer } from '@opentelemetry/api';
import type { UpstreamJournal } from '../../grpc-clients/upstream-observer';

/**
 * What the request's telemetry learns while it runs: the HTTP layer fills the route, the request's context the
 * caller, the GraphQL request hooks the operation and error code, the upstream observer the calls. Read back once, when the response ends.
 * It travels explicitly (the HTTP server hands it to the route as the request's notes, then the GraphQL context and every upstream
 * call's context): no AsyncLocalStorage, whose bookkeeping every await of every request would pay for.
 */
export interface RequestRecord extends UpstreamJournal {
  requestId: string;
  /** The HTTP server span (tracing on, sampled or not: its ids are in the log line); undefined when tracing is off. */
  span: Span | undefined;
  /** The tracer, for the operation's span: only when the request is sampled (`request-telemetry.ts`). */
  tracer: Tracer | undefined;
  method: string;
  route: string;
  operation?: { name: string; type: string };
  caller?: { uuid: string; role: string };
  errorCode?: string;
}
