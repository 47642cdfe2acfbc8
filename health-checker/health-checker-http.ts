import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../core/logger';
import type { HealthChecker } from './create-health-checker';

export interface HealthCheckerHttp {
  server: Server;
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The standalone checker's own port: `GET /health/instances` (the snapshot), `GET /metrics` (Prometheus text) and
 * `GET /healthz`. Plain node:http: three read-only routes need no router.
 */
export function createHealthCheckerHttp(checker: HealthChecker, metrics: Registry, logger: Logger): HealthCheckerHttp {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') || '/';
    const send = (status: number, contentType: string, body: string) => {
      res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    };
    const json = (status: number, body: unknown) =>
      send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { status: 405, message: 'method not allowed' });
    if (path === '/health/instances') return json(200, checker.snapshot());
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/metrics') {
      metrics.metrics().then(
        (text) => send(200, metrics.contentType, text),
        (err: unknown) => {
          logger.error({ err }, 'could not render metrics');
          json(500, { status: 500, message: 'metrics unavailable' });
        },
      );
      return;
    }
    json(404, { status: 404, message: 'not found' });
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
