import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../core/error-codes';

/**
 * Sees every request from arrival to the end of its response: telemetry (span, log line, metrics) and the
 * graceful drain. The server tells it when a request began, with the route it matched, and which request-level
 * error it answered with; an observer that wants the response's end listens for its `close` (fired once per
 * response, finished or cut) from `began`.
 */
export interface RequestObserver<Notes = unknown> {
  /**
   * `route` is the matched route's pattern, e.g. `/graphql` (never the raw URL: it would explode label
   * cardinality); undefined when no route matched. Returns what the observer keeps of the request that its route
   * adds to, if anything (telemetry's record: the caller the route verified, the upstream calls it makes); the
   * server hands it to the route as `RouteRequest.notes`.
   */
  began(req: IncomingMessage, res: ServerResponse, requestId: string, route: string | undefined): Notes | void;
  /**
   * Runs the request's handling inside a scope of the observer's (a traced request's span as the active context).
   * Without one, the handling runs as it is.
   */
  scope?(res: ServerResponse, handle: () => void): void;
  /** The request-level error a route's handler ended with. */
  failed?(res: ServerResponse, code: ErrorCode): void;
}

/**
 * Observers in order: each begins in the order given, so their `close` listeners run in that order too (the first
 * one's log line is written before the next one counts the request as done), and the first one's scope wraps all
 * the others'. The first one's notes are the request's.
 */
export function chainObservers<Notes>(
  first: RequestObserver<Notes>,
  ...rest: RequestObserver[]
): RequestObserver<Notes> {
  const observers = [first, ...rest];
  const scoped = observers.filter((observer) => observer.scope !== undefined);
  return {
    began(req, res, requestId, route) {
      const notes = first.began(req, res, requestId, route);
      for (const observer of rest) observer.began(req, res, requestId, route);
      return notes;
    },
    ...(scoped.length > 0
      ? {
          scope(res: ServerResponse, handle: () => void) {
            const run = (index: number): void => {
              const observer = scoped[index];
              if (!observer) return handle();
              observer.scope!(res, () => run(index + 1));
            };
            run(0);
          },
        }
      : {}),
    failed(res, code) {
      for (const observer of observers) observer.failed?.(res, code);
    },
  };
}
