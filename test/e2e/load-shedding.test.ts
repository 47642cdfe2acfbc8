import { connect, type Socket } from 'node:net';
import { startBuiltGateway, type BuiltGateway } from './built-gateway';

const MAX_IN_FLIGHT = 2;

/**
 * A request the gateway has accepted and cannot answer yet: its headers are in, its body is not (the server reads
 * a POST's body before the route runs). `finish` sends the rest, and the answer's status line comes back.
 */
async function heldRequest(base: string): Promise<{ finish(): Promise<string>; socket: Socket }> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const body = JSON.stringify({ query: '{ __typename }' });
  socket.write(
    `POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
      `content-length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
  );
  return {
    socket,
    finish: () =>
      new Promise((resolve, reject) => {
        socket.once('data', (chunk) => resolve(chunk.toString('utf8').split('\r\n')[0]!));
        socket.once('error', reject);
        socket.write(body.slice(5));
      }),
  };
}

/** Polls until the gateway counts `count` requests in flight (its own gauge), so the next one is the excess. */
async function inFlightReaches(base: string, count: number): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    // The scrape is a request in flight too.
    const value = Number(/^gateway_http_requests_in_flight (\d+)/m.exec(metrics)?.[1] ?? 0) - 1;
    if (value >= count) return;
    if (Date.now() > end) throw new Error(`in flight stayed at ${value}, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const graphql = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

describe(`MAX_IN_FLIGHT_REQUESTS=${MAX_IN_FLIGHT} on the gateway started as production would`, () => {
  let gateway: BuiltGateway;
  beforeAll(async () => {
    gateway = await startBuiltGateway({ MAX_IN_FLIGHT_REQUESTS: String(MAX_IN_FLIGHT) });
  }, 90_000);
  afterAll(() => gateway?.stop());

  it('refuses the request over the bound at once with 503 SHEDDING in its front door shape, serves the probes, and admits again once the held requests are answered', async () => {
    let refusedId: string | null = null;
    const held = [await heldRequest(gateway.base), await heldRequest(gateway.base)];
    try {
      await inFlightReaches(gateway.base, MAX_IN_FLIGHT);

      // From a browser: CORS ran first, so the page can read the refusal and its Retry-After.
      const refused = await graphql(gateway.base, { origin: 'https://dms.example' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      expect(refused.headers.get('access-control-expose-headers')).toContain('Retry-After');
      refusedId = refused.headers.get('x-request-id');
      expect(refusedId).toEqual(expect.any(String));
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: 'the gateway is at capacity, retry shortly',
            extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SHEDDING' },
          },
        ],
      });
      const rest = await fetch(`${gateway.base}/v1/schedules/years/2026/months/12`);
      expect(rest.status).toBe(503);
      expect(rest.headers.get('retry-after')).toBe('1');
      expect(await rest.json()).toEqual({ status: 503, code: 0, message: 'the gateway is at capacity, retry shortly' });

      // A busy replica is alive and says so; its metrics and the legacy ping answer too.
      for (const path of ['/healthz', '/readyz', '/metrics', '/ping']) {
        expect([path, (await fetch(`${gateway.base}${path}`)).status]).toEqual([path, 200]);
      }

      // The held requests were never dropped: they finish normally.
      expect(await Promise.all(held.map((h) => h.finish()))).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    } finally {
      for (const h of held) h.socket.destroy();
    }
    const admitted = await graphql(gateway.base);
    expect(admitted.status).toBe(200);
    expect(await admitted.json()).toEqual({ data: { __typename: 'Query' } });

    // The refusals are logged under their request ids with their code, and counted by status.
    type AccessLine = {
      http?: { request?: { id?: string }; response?: { status_code?: number } };
      gateway?: { route?: string; error_code?: string };
    };
    const refusals = (gateway.process.lines as AccessLine[]).filter(
      (l) => l.gateway?.error_code === 'SERVICE_UNAVAILABLE',
    );
    expect(refusals.map((l) => [l.gateway?.route, l.http?.response?.status_code])).toEqual([
      ['/graphql', 503],
      ['/v1/schedules/years/:year/months/:month', 503],
    ]);
    expect(refusals[0]!.http?.request?.id).toBe(refusedId);
    const metrics = await (await fetch(`${gateway.base}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_http_requests_total\{route="\/graphql",operation="[^"]*",status="503"\} 1$/m);
    expect(metrics).toMatch(/^gateway_requests_shed_total 2$/m);
  });
});
