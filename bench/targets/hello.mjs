// B1: raw node:http hello-world — the ceiling of this runtime on one core.
import { serve, serveLocal } from './serve.mjs';

const BODY = Buffer.from('{"hello":"world"}');

await serve(() =>
  serveLocal((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
      res.end(BODY);
    });
  }),
);
