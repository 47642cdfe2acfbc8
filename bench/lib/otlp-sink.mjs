// An OTLP/HTTP receiver for the traced bench cases: accepts every export and keeps nothing, so the gateway pays
// for making and sending its spans and the bench pays for nothing else.
import http from 'node:http';

/** Listens on a free loopback port; `url` is what OTEL_EXPORTER_OTLP_ENDPOINT takes. */
export async function startOtlpSink() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
