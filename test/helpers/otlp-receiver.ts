import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpReceiver {
  url: string;
  /** Every POST body received, parsed (the HTTP exporter sends OTLP/JSON). */
  bodies: Array<{ path: string; body: unknown }>;
  close(): Promise<void>;
}

/** A loopback stand-in for an OTLP/HTTP collector: records what the exporter posts and answers 200. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const bodies: OtlpReceiver['bodies'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      bodies.push({ path: req.url ?? '', body: raw.startsWith('{') ? JSON.parse(raw) : raw });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
