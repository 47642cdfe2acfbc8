import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Router from 'find-my-way';
import { ErrorCode } from '../core/error-codes';
import { GatewayError, isGatewayError } from '../core/errors';
import type { Logger } from '../core/logger';
import { publicErrorOf, type ErrorExposure } from '../core/public-errors';
import { readBody } from './read-body';
import { requestIdOf } from './request-id';
import type { RequestObserver } from './request-observer';
import { envelopeResponder, type Responder } from './responders';

/** One request as a route handler sees it. */
export interface RouteRequest<Notes = unknown> {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The client's address, resolved once by the server (`HttpServerOptions.clientIp`). */
  clientIp: string;
  params: Record<string, string | undefined>;
  /** What the server's observer keeps of the request, for the route to add to (`RequestObserver.began`). */
  notes: Notes | undefined;
  /** The body, read by the server for a route that asks (`RouteOptions.body`); undefined otherwise. */
  body: Buffer | undefined;
}

/** What the server does for a route before its handler. */
export interface RouteOptions {
  /**
   * Reads the body of a POST (up to `maxBytes`, else 413 PAYLOAD_TOO_LARGE in the route's shape) before the
   * handler, unless it is multipart (a stream the handler parses itself).
   */
  body?: { maxBytes: number };
}

export type RouteHandler<Notes = unknown> = (request: RouteRequest<Notes>) => Promise<void> | void;

/**
 * A guard's verdict: `false` lets the request on, `true` means the guard answered it itself (a CORS preflight),
 * a `GatewayError` refuses it, answered by the matched route's responder in its front door's shape.
 */
export type GuardVerdict = boolean | GatewayError;

/** What a guard knows of the request besides the request itself. */
export interface GuardRequest {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The client's address, resolved once by the server (`HttpServerOptions.clientIp`). */
  clientIp: string;
  /** The matched route's pattern (`/graphql`, `/v1/students/uuid/:student_uuid`); undefined for unknown paths. */
  route: string | undefined;
}

/**
 * Runs before the handler, body parsing or authentication (the drain, the flood guard, CORS, Request-Security),
 * in the order added. A synchronous verdict costs no await.
 */
export type RequestGuard = (request: GuardRequest) => GuardVerdict | Promise<GuardVerdict>;

export interface HttpServer<Notes = unknown> {
  server: Server;
  /** Adds a guard; guards run in the order added, for every request. */
  guard(guard: RequestGuard): void;
  /** A route and the responder its refusals and failures are answered by (the legacy envelope by default). */
  route(
    methods: string | string[],
    path: string,
    handler: RouteHandler<Notes>,
    responder?: Responder,
    options?: RouteOptions,
  ): void;
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

export interface HttpServerOptions<Notes> {
  logger: Logger;
  observer?: RequestObserver<Notes>;
  /** What error answers may show (upstream facts only outside production). */
  exposure: ErrorExposure;
  /**
   * The client address of a request (`client-ip.ts`: X-Forwarded-For only from trusted proxies), resolved once for
   * the guards (the flood guard counts by it) and the route. The socket's peer by default.
   */
  clientIp?: (req: IncomingMessage) => string;
}

interface RouteEntry {
  run: RouteHandler<never>;
  responder: Responder;
  path: string | undefined;
  bodyLimit: number | undefined;
}

const NO_PARAMS: Record<string, string | undefined> = {};
const peerOf = (req: IncomingMessage) => req.socket.remoteAddress ?? '';
/** A multipart request: a stream its handler parses itself, never read by the server. */
export const isMultipart = (req: IncomingMessage) =>
  (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
/** What the router found for a request (null: no route). */
type Found = ReturnType<ReturnType<typeof Router>['find']>;
const UNKNOWN_ROUTE: RouteEntry = {
  run: () => {
    throw new GatewayError(ErrorCode.NOT_FOUND, 'not found');
  },
  responder: envelopeResponder,
  path: undefined,
  bodyLimit: undefined,
};

/**
 * Plain node:http with the find-my-way router (no framework: the legacy routes need GET bodies and exact
 * status codes, and a cache hit must cost as little as possible). The route is found first, so every refusal,
 * whichever stage makes it, is answered by that route's responder. Every response carries X-Request-Id.
 */
export function createHttpServer<Notes = unknown>({
  logger,
  observer,
  exposure,
  clientIp = peerOf,
}: HttpServerOptions<Notes>): HttpServer<Notes> {
  const router = Router({ ignoreTrailingSlash: true, caseSensitive: true });
  const guards: RequestGuard[] = [];
  const server = createServer((req, res) => {
    const requestId = requestIdOf(req.headers);
    res.setHeader('x-request-id', requestId);
    const found = router.find(req.method as never, req.url ?? '/');
    if (!observer) return handle(req, res, requestId, found, undefined);
    // The route is known before the observers hear of the request: one call tells them both.
    const notes = observer.began(req, res, requestId, (found?.store as RouteEntry | undefined)?.path) ?? undefined;
    if (observer.scope) observer.scope(res, () => handle(req, res, requestId, found, notes));
    else handle(req, res, requestId, found, notes);
  });

  /** Every request-level error ends here: logged with its facts under the request id, answered as the client may see it. */
  function fail(res: ServerResponse, requestId: string, route: RouteEntry, error: unknown): void {
    if (res.headersSent) {
      logger.error({ err: error, requestId }, 'error after the response started');
      res.destroy();
      return;
    }
    const view = publicErrorOf(error, exposure);
    if (!isGatewayError(error)) logger.error({ err: error, requestId }, 'unexpected error');
    else if (error.code === ErrorCode.INTERNAL_SERVER_ERROR) logger.error({ err: error, requestId }, 'request failed');
    observer?.failed?.(res, view.code);
    route.responder(res, view);
  }

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    found: Found,
    notes: Notes | undefined,
  ): void {
    // The route's handler and responder live in find-my-way's per-route store.
    const route = found ? (found.store as RouteEntry) : UNKNOWN_ROUTE;
    const params = found ? (found.params as Record<string, string | undefined>) : NO_PARAMS;
    const request: GuardRequest = { req, res, requestId, clientIp: clientIp(req), route: route.path };
    const answer = (body: Buffer | undefined) => {
      try {
        const done = (route.run as RouteHandler<Notes>)({
          req,
          res,
          requestId,
          clientIp: request.clientIp,
          params,
          notes,
          body,
        });
        if (done) done.catch((error: unknown) => fail(res, requestId, route, error));
      } catch (error) {
        fail(res, requestId, route, error);
      }
    };
    const run = () => {
      if (route.bodyLimit === undefined || req.method !== 'POST' || isMultipart(req)) return answer(undefined);
      readBody(req, route.bodyLimit).then(answer, (error: unknown) => fail(res, requestId, route, error));
    };
    /** True when the verdict ended the request (answered, or refused). */
    const settled = (verdict: GuardVerdict): boolean => {
      if (verdict === false) return false;
      if (verdict !== true) fail(res, requestId, route, verdict);
      return true;
    };
    const next = (from: number): void => {
      for (let index = from; index < guards.length; index += 1) {
        let verdict: GuardVerdict | Promise<GuardVerdict>;
        try {
          verdict = (guards[index] as RequestGuard)(request);
        } catch (error) {
          fail(res, requestId, route, error);
          return;
        }
        if (verdict instanceof Promise) {
          verdict.then(
            (resolved) => {
              if (!settled(resolved)) next(index + 1);
            },
            (error: unknown) => fail(res, requestId, route, error),
          );
          return;
        }
        if (settled(verdict)) return;
      }
      run();
    };
    next(0);
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
    route(methods, path, run, responder = envelopeResponder, options = {}) {
      const entry: RouteEntry = { run: run as RouteHandler<never>, responder, path, bodyLimit: options.body?.maxBytes };
      router.on([methods].flat() as never, path, () => undefined, entry);
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
