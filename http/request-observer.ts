import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../core/error-codes';

/**
 * Sees every request from arrival to the end of its response: telemetry (span, log line, metrics) and the
 * graceful drain. `around` must call `handle` (or answer the request itself); the server reports what the
 * request matched and which request-level error it answered with.
 */
export interface RequestObserver {
  around(req: IncomingMessage, res: ServerResponse, requestId: string, handle: () => void): void;
  /** The route pattern that matched, e.g. `/graphql` (never the raw URL: it would explode label cardinality). */
  routed?(res: ServerResponse, route: string): void;
  /** The request-level error a route's handler ended with. */
  failed?(res: ServerResponse, code: ErrorCode): void;
}

/** Observers nested in order: the first one wraps all the others. */
export function chainObservers(...observers: RequestObserver[]): RequestObserver {
  return {
    around(req, res, requestId, handle) {
      const run = (index: number): void => {
        const observer = observers[index];
        if (!observer) return handle();
        observer.around(req, res, requestId, () => run(index + 1));
      };
      run(0);
    },
    routed(res, route) {
      for (const observer of observers) observer.routed?.(res, route);
    },
    failed(res, code) {
      for (const observer of observers) observer.failed?.(res, code);
    },
  };
}
