import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { createAccessTokens } from '../../../core/access-tokens';
import { SERVICE_NAMES } from '../../../core/config';
import { liveClient, rawInit, waitForSubscriptions } from '../../helpers/live-client';
import { startOtlpReceiver, type OtlpReceiver } from '../../helpers/otlp-receiver';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';

const ROOT = join(__dirname, '../../..');
// A private build: other suites (and people) may be rebuilding dist/ at the same time.
const BUILD = join(ROOT, 'node_modules/.cache/graceful-shutdown-test-build');
const LOGIN = 'mutation SlowLogin { loginStudent(id: "student1", password: "student1234") { accessToken } }';

interface RunningGateway {
  child: ChildProcess;
  url: string;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  waitForLine(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<void>;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The built gateway as a child process in front of the harness's services (static addresses). */
async function startBuiltGateway(services: ReferenceHarness, env: Record<string, string>): Promise<RunningGateway> {
  const upstreams = Object.fromEntries(
    SERVICE_NAMES.map((s) => [`UPSTREAM_${s.toUpperCase()}_ADDRS`, services.services.addresses[s]]),
  );
  const child = spawn(process.execPath, [join(BUILD, 'src/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      // As production runs it: Apollo installs a signal handler of its own unless NODE_ENV=test, and a test
      // that set "test" here once hid that a SIGTERM in production exited 1 at once instead of draining.
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET_KEY: 'shutdown-test-secret',
      LOG_LEVEL: 'info',
      ...upstreams,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a log line
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForLine: RunningGateway['waitForLine'] = (predicate, timeoutMs = 15_000) =>
    until(() => lines.some(predicate), timeoutMs, 'a log line');
  // Generous: a loaded CI machine starts a Node process slowly; the waits that matter are below.
  await waitForLine((l) => l.message === 'gateway listening', 60_000);
  const port = lines.find((l) => l.message === 'gateway listening')!.port as number;
  return { child, url: `http://127.0.0.1:${port}`, lines, exited, waitForLine };
}

const loginCalls = (services: ReferenceHarness) =>
  Object.entries(services.services.callCounts())
    .filter(([path]) => path.endsWith('/LoginStudentAuth'))
    .reduce((sum, [, count]) => sum + count, 0);

const graphql = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: LOGIN }),
  });

/** One answer the load got while the gateway drained, or the socket error it got instead. */
interface LoadAnswer {
  kind: 'graphql' | 'rest';
  sentAt: number;
  status?: number;
  requestId?: string | null;
  retryAfter?: string | null;
  body?: unknown;
  error?: string;
}

/** Login requests, half GraphQL and half the legacy REST route 9, from `workers` loops until told to stop. */
function startLoginLoad(url: string, workers: number) {
  const answers: LoadAnswer[] = [];
  let stopped = false;
  const one = async (kind: LoadAnswer['kind']) => {
    const sentAt = Date.now();
    try {
      const res =
        kind === 'graphql'
          ? await graphql(url)
          : await fetch(`${url}/v1/login/student`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ student_id: 'student1', student_pw: 'student1234' }),
            });
      answers.push({
        kind,
        sentAt,
        status: res.status,
        requestId: res.headers.get('x-request-id'),
        retryAfter: res.headers.get('retry-after'),
        body: await res.json(),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      answers.push({ kind, sentAt, error: cause?.code ?? cause?.message ?? String(error) });
      // The listener closed: nothing more to send.
      if (cause?.code === 'ECONNREFUSED') stopped = true;
    }
  };
  const loops = Array.from({ length: workers }, async (_, index) => {
    for (let i = 0; !stopped; i += 1) await one((index + i) % 2 === 0 ? 'graphql' : 'rest');
  });
  return {
    answers,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describe('graceful shutdown of the built gateway (and OTLP export from it)', () => {
  let services: ReferenceHarness;
  let receiver: OtlpReceiver;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    rmSync(BUILD, { recursive: true, force: true });
    // tsc emits even when it reports type errors (a file someone is editing elsewhere in the tree); what matters
    // here is that the gateway's entry point was built.
    await promisify(execFile)(process.execPath, [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(ROOT, 'tsconfig.build.json'),
      '--outDir',
      BUILD,
    ]).catch((error: Error) => {
      if (!existsSync(join(BUILD, 'src/main.js'))) throw error;
    });
    services = await startReferenceHarness();
    receiver = await startOtlpReceiver();
  }, 180_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    services?.services.resume();
    await services?.close();
    await receiver?.close();
  });
  afterEach(() => services?.services.resume());

  it('on SIGTERM: readiness 503, new requests refused, in-flight ones complete, spans flushed, exit 0', async () => {
    const gateway = await startBuiltGateway(services, {
      SHUTDOWN_GRACE_MS: '20000',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    });
    children.push(gateway.child);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);

    services.services.resetCallCounts();
    services.services.stall();
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const inFlight = [graphql(gateway.url, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` }), graphql(gateway.url)];
    await until(() => loginCalls(services) >= 2, 10_000, 'both calls to reach the stalled service');

    gateway.child.kill('SIGTERM');
    await gateway.waitForLine((l) => l.message === 'shutting down');
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, draining: true });
    // From a browser: CORS runs before the drain's refusal, so the page can read it and its Retry-After.
    const refused = await graphql(gateway.url, { origin: 'https://dms.example' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { errors: Array<{ extensions: object }> }).errors[0]?.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'SHEDDING',
    });

    services.services.resume();
    const answers = await Promise.all(inFlight);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    for (const answer of answers) {
      const body = (await answer.json()) as { data?: { loginStudent?: { accessToken?: string } } };
      expect(body.data?.loginStudent?.accessToken).toEqual(expect.any(String));
    }
    expect(await gateway.exited).toBe(0);
    expect(gateway.lines.some((l) => l.message === 'shut down cleanly')).toBe(true);

    // The batch span processor flushed on close: the traced request's spans reached the OTLP receiver.
    type Otlp = { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; name: string }> }> }> };
    const spans = receiver.bodies
      .filter((b) => b.path === '/v1/traces')
      .flatMap((b) => (b.body as Otlp).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)))
      .filter((s) => s.traceId === traceId)
      .map((s) => s.name);
    expect(spans).toEqual(expect.arrayContaining(['POST /graphql', 'mutation SlowLogin', 'auth/LoginStudentAuth']));
  }, 120_000);

  it("drains under load in production: accepted requests finish, new ones get 503 SHEDDING in their front door's shape, exit 0 within the grace, every answer logged", async () => {
    const graceMs = 15_000;
    // The limits are settings like any other: off here, where one client logs one id in as fast as it can.
    const gateway = await startBuiltGateway(services, {
      SHUTDOWN_GRACE_MS: String(graceMs),
      FLOOD_THRESHOLD: '0',
      RATE_LIMIT_DIRECTIVES: 'false',
      RATE_LIMIT_AUTH_RPS: '0',
    });
    children.push(gateway.child);
    const load = startLoginLoad(gateway.url, 8);
    try {
      await until(() => load.answers.filter((a) => a.status === 200).length >= 20, 20_000, 'answers before the drain');
      services.services.resetCallCounts();
      services.services.stall();
      await until(() => loginCalls(services) >= 6, 10_000, 'calls held by the stalled service');
      const inFlightAtSignal = loginCalls(services);
      const answeredBefore = load.answers.length;
      const signalAt = Date.now();
      gateway.child.kill('SIGTERM');
      await gateway.waitForLine((l) => l.message === 'shutting down');
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, draining: true });
      // New clients keep coming while the accepted requests wait on the stalled service.
      const arrivals = startLoginLoad(gateway.url, 4);
      await until(() => arrivals.answers.filter((a) => a.status === 503).length >= 20, 10_000, 'refusals');
      services.services.resume();
      const code = await gateway.exited;
      const exitedAfterMs = Date.now() - signalAt;
      await Promise.all([load.stop(), arrivals.stop()]);

      expect(code).toBe(0);
      expect(exitedAfterMs).toBeLessThan(graceMs);
      const during = [...load.answers.slice(answeredBefore), ...arrivals.answers];
      // Every request held at the signal was answered in full, with a token.
      const completed = during.filter((a) => a.status === 200);
      expect(completed.length).toBeGreaterThanOrEqual(inFlightAtSignal);
      for (const answer of completed) {
        const body = answer.body as { data?: { loginStudent?: { accessToken?: string } }; access_token?: string };
        expect(body.data?.loginStudent?.accessToken ?? body.access_token).toEqual(expect.any(String));
      }
      // The rest were refused in their own front door's shape, or never reached the gateway: refused by a closed
      // listener, or reset with the listener as it closed, before a request was read (see the logs below).
      for (const answer of during.filter((a) => a.status !== 200)) {
        if (answer.error !== undefined) {
          expect(['ECONNREFUSED', 'ECONNRESET']).toContain(answer.error);
          continue;
        }
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toBe('1');
        if (answer.kind === 'graphql') {
          expect(answer.body).toEqual({
            errors: [
              {
                message: 'the gateway is shutting down',
                extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SHEDDING' },
              },
            ],
          });
        } else {
          expect(answer.body).toEqual({ status: 503, code: 0, message: 'the gateway is shutting down' });
        }
      }
      expect(during.filter((a) => a.kind === 'rest' && a.status === 503).length).toBeGreaterThan(0);
      // Every request the gateway read was answered in full and every answer has its log line: the access log
      // and the answers the clients got name the same request ids, and no line says the answer was cut.
      const accessLines = gateway.lines.filter(
        (l) => (l.event as { action?: string } | undefined)?.action === 'http-request',
      );
      const logged = new Set(
        accessLines
          .filter((l) => (l.url as { path?: string }).path !== '/readyz')
          .map((l) => (l.http as { request?: { id?: string } }).request?.id),
      );
      const answered = new Set(
        [...load.answers, ...arrivals.answers].filter((a) => a.requestId).map((a) => a.requestId as string),
      );
      expect([...answered].filter((id) => !logged.has(id))).toEqual([]);
      expect([...logged].filter((id) => !answered.has(id as string))).toEqual([]);
      expect(accessLines.filter((l) => (l.gateway as { aborted?: boolean }).aborted)).toEqual([]);
      expect(gateway.lines.some((l) => l.message === 'shut down cleanly')).toBe(true);
    } finally {
      services.services.resume();
      await load.stop();
    }
  }, 120_000);

  it('on SIGTERM subscription sockets close with 1001 at once and do not hold the exit, even one that stopped reading', async () => {
    const gateway = await startBuiltGateway(services, { SHUTDOWN_GRACE_MS: '20000' });
    children.push(gateway.child);
    const tokens = createAccessTokens('shutdown-test-secret');
    const client = liveClient(`${gateway.url}/graphql`, tokens.sign('student-000000000001').token);
    client.subscribe('subscription { myOutingUpdated { id status } }');
    await waitForSubscriptions(`${gateway.url}/graphql`, 'myOutingUpdated', 1, 10_000);
    const silent = await rawInit(`${gateway.url}/graphql`, {
      authorization: `Bearer ${tokens.sign('student-000000000002').token}`,
    });
    expect(silent.acked).toBe(true);
    silent.socket.pause();

    const started = Date.now();
    gateway.child.kill('SIGTERM');
    expect(await client.closed).toEqual({ code: 1001, reason: 'the gateway is shutting down' });
    expect(await gateway.exited).toBe(0);
    // Far below the 20 s grace: sockets are no requests to wait for, and a silent one is cut after 2 s.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(gateway.lines.some((l) => l.message === 'shut down cleanly')).toBe(true);
    await client.dispose();
  }, 120_000);

  it.each([
    ['an exception nothing caught', "setImmediate(() => { throw new Error('boom'); })"],
    ['a rejection nothing handled', "setImmediate(() => { Promise.reject(new Error('boom')); })"],
    // The lines of the crashing turn are still queued for the turn's one write (turn-batched-destination.ts).
    ['an exception in the same turn as the lines', "throw new Error('boom')"],
  ])(
    '%s: every line written before the crash reaches stdout, then one fatal line with the stack; exit 1',
    async (_name, crash) => {
      // The production logger (asynchronous stdout) and crash handler, writing far more than a pipe holds at once.
      const script = `
      const { createLogger } = require(${JSON.stringify(join(BUILD, 'core/logger.js'))});
      const { exitOnCrash } = require(${JSON.stringify(join(BUILD, 'core/shutdown-signals.js'))});
      const logger = createLogger({ name: 'crash-test', level: 'info' });
      exitOnCrash(logger);
      for (let i = 0; i < 20000; i += 1) logger.info({ i }, 'line');
      ${crash};`;
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines: Array<Record<string, unknown>> = [];
      createInterface({ input: child.stdout }).on('line', (line) =>
        lines.push(JSON.parse(line) as Record<string, unknown>),
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(lines.filter((l) => l.message === 'line').map((l) => l.i)).toEqual(
        Array.from({ length: 20000 }, (_, i) => i),
      );
      expect(lines.at(-1)).toMatchObject({
        'log.level': 'fatal',
        message: 'crashed',
        error: { message: 'boom', stack_trace: expect.stringContaining('Error: boom') },
      });
    },
    60_000,
  );

  it('a second signal exits at once, without waiting for the grace period', async () => {
    const gateway = await startBuiltGateway(services, { SHUTDOWN_GRACE_MS: '60000' });
    children.push(gateway.child);
    services.services.resetCallCounts();
    services.services.stall();
    const stuck = graphql(gateway.url).catch((error: unknown) => error);
    await until(() => loginCalls(services) >= 1, 10_000, 'the call to reach the stalled service');
    const started = Date.now();
    gateway.child.kill('SIGTERM');
    await gateway.waitForLine((l) => l.message === 'shutting down');
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(1);
    // Far below the 60 s grace: the second signal did not wait for the stuck request.
    expect(Date.now() - started).toBeLessThan(30_000);
    await stuck;
  }, 120_000);
});
