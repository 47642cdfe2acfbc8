import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Router from 'find-my-way';
import { ErrorCode } from '../../core/error-codes';
import { isGatewayError, MASKED_ERROR_MESSAGE } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { requestIdOf } from './request-id';
import type { RequestObserver } from './request-observer';
import { sendJson } from './send-json';

/** One request as a route handler sees it. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  params: Record<string, string | undefined>;
}

export type RouteHandler = (request: RouteRequest) => Promise<void> | void;

/** How a route family answers an error that escaped its handler (GraphQL body vs legacy REST envelope). */
export type ErrorResponder = (
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  extra?: object,
) => void;

export const graphqlErrorResponder: ErrorResponder = (res, status, code, message, extra) =>
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extra } }] });

/**
 * Runs before routing, body parsing or authentication (the flood guard, CORS). Returning true means the guard
 * answered the request itself.
 */
export type RequestGuard = (req: IncomingMessage, res: ServerResponse, requestId: string) => boolean | Promise<boolean>;

export interface HttpServer {
  server: Server;
  /** Adds a guard; guards run in the order added, for every request. */
  guard(guard: RequestGuard): void;
  route(methods: string | string[], path: string, handler: RouteHandler, onError?: ErrorResponder): void;
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Plain node:http with the find-my-way router (no framework: the legacy routes need GET bodies and exact
 * status codes, and a cache hit must cost as little as possible). Every response carries X-Request-Id.
 */
export function createHttpServer(logger: Logger, observer?: RequestObserver): HttpServer {
  const router = Router({ ignoreTrailingSlash: true, caseSensitive: true });
  const guards: RequestGuard[] = [];
  const server = createServer((req, res) => {
    const requestId = requestIdOf(req.headers);
    res.setHeader('x-request-id', requestId);
    if (observer) observer.around(req, res, requestId, () => handle(req, res, requestId));
    else handle(req, res, requestId);
  });

  function handle(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    if (guards.length === 0) return dispatch(req, res, requestId);
    void (async () => {
      for (const guard of guards) if (await guard(req, res, requestId)) return;
      dispatch(req, res, requestId);
    })().catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'request guard failed');
      if (!res.headersSent) graphqlErrorResponder(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, MASKED_ERROR_MESSAGE);
    });
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    const found = router.find(req.method as never, req.url ?? '/');
    if (!found) {
      sendJson(res, 404, { status: 404, message: 'not found' });
      return;
    }
    // The route's handler and error responder live in find-my-way's per-route store.
    const { params, store } = found as unknown as {
      params: Record<string, string | undefined>;
      store: { run: RouteHandler; onError: ErrorResponder; path: string };
    };
    observer?.routed?.(res, store.path);
    Promise.resolve()
      .then(() => store.run({ req, res, requestId, params }))
      .catch((error: unknown) => {
        if (res.headersSent) {
          logger.error({ err: error, requestId }, 'error after the response started');
          res.destroy();
          return;
        }
        if (isGatewayError(error)) {
          if (error.httpStatus >= 500) logger.error({ err: error, requestId }, 'request failed');
          observer?.failed?.(res, error.code);
          store.onError(
            res,
            error.httpStatus,
            error.code,
            error.message,
            error.legacyCode === undefined ? undefined : { legacyCode: error.legacyCode },
          );
          return;
        }
        logger.error({ err: error, requestId }, 'unexpected error');
        observer?.failed?.(res, ErrorCode.INTERNAL_SERVER_ERROR);
        store.onError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, MASKED_ERROR_MESSAGE);
      });
  }
  // Slow clients must not hold sockets forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 65_000;

  return {
    server,
    guard(guard) {
      guards.push(guard);
    },
    route(methods, path, run, onError = graphqlErrorResponder) {
      router.on([methods].flat() as never, path, () => undefined, { run, onError, path });
    },
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
