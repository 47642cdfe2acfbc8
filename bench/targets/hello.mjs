// B1: raw node:http hello-world — the ceiling of this runtime on one core.
import http from 'node:http';
import { serve } from './serve.mjs';

const BODY = Buffer.from('{"hello":"world"}');

await serve(async () => {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
      res.end(BODY);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((done) => server.close(done)) };
});
