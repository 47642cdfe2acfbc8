import type { RequestGuard } from './http-server';

export interface CorsOptions {
  /** Allowed origins; `['*']` allows any (the legacy gateway's gin-contrib/cors AllowAllOrigins). */
  origins: readonly string[];
}

/**
 * Request headers browsers may send: the legacy gateway's (gin-contrib defaults, `Authorization`,
 * `Request-Security`) plus those Apollo's CSRF prevention and clients use (`apollo-require-preflight`,
 * `x-apollo-operation-name`) and the request id the gateway echoes.
 */
export const CORS_ALLOWED_HEADERS = [
  'Origin',
  'Content-Length',
  'Content-Type',
  'Authorization',
  'Request-Security',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'X-Request-Id',
].join(', ');
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';
/** How long a browser may reuse a preflight answer, in seconds (the legacy 12 hours). */
const PREFLIGHT_MAX_AGE = String(12 * 60 * 60);

/**
 * CORS before routing: a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here with 204, so
 * it reaches no route, token check or body parsing; other requests from an allowed origin get the
 * `Access-Control-Allow-Origin` header and go on. A disallowed origin gets no CORS headers (the browser blocks the
 * response) and a 403 preflight.
 */
export function createCorsGuard(options: CorsOptions): RequestGuard {
  const anyOrigin = options.origins.includes('*');
  const allowed = new Set(options.origins);
  return ({ req, res }) => {
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    const permitted = anyOrigin || allowed.has(origin);
    if (permitted) {
      res.setHeader('access-control-allow-origin', anyOrigin ? '*' : origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    // The answer depends on the Origin whenever not every origin gets the same one.
    if (!anyOrigin) res.setHeader('vary', 'Origin');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) return false;
    if (!permitted) {
      res.writeHead(403).end();
      return true;
    }
    res.writeHead(204, {
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': CORS_ALLOWED_HEADERS,
      'access-control-max-age': PREFLIGHT_MAX_AGE,
    });
    res.end();
    return true;
  };
}
