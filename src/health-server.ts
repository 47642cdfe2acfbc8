import { createServer, type Server } from 'node:http';
import type { ServiceName } from '../core/config';

export interface ReadinessReport {
  ready: boolean;
  upstreams: Record<ServiceName, { instances: string[] }>;
}

export interface HealthServer {
  server: Server;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

/**
 * Liveness and readiness over plain HTTP: `/healthz` answers while the process runs, `/readyz` answers 200
 * only when every upstream service has at least one known instance, else 503.
 */
export function startHealthServer(host: string, port: number, readiness: () => ReadinessReport): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { status: 405, message: 'method not allowed' });
    if (path === '/healthz') return send(200, { status: 'ok' });
    if (path === '/readyz') {
      const report = readiness();
      return send(report.ready ? 200 : 503, report);
    }
    return send(404, { status: 404, message: 'not found' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
