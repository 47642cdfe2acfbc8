// W3 (benchmark-plan.md §1): the REST shim — GET /v1/teachers/uuid/:uuid (route 21) → JWT → 1 gRPC call → legacy
// envelope — against the one-call transport floor B3 (raw node:http → 1 grpc-js unary call to the same reference
// service → JSON, no GraphQL, no JWT), in one run. Target: W3 ≥ 0.9× B3.
//
//   npm run build && node bench/rest-w3.mjs [requests] [concurrency] [rounds]
//
// Three processes: the reference services and the client share this one; the system under test (the gateway,
// then B3) runs in its own child, pinned to CPU 1 with taskset when there is one (the client and the services
// get CPU 0), so the client does not share its event loop. Targets:
//   - "W3 cache off": the gateway with CACHE_ENABLED=false (every GET reaches the service);
//   - "W3 cache miss": the cache on (in memory) and a query string unique per request, so every GET is a miss
//     that is also stored (the cost a first read pays);
//   - "B3 floor".
// Sequential (concurrency 1) and concurrent loops on keep-alive agents, rounds interleaved, medians reported.
// Set PROFILE=w3 to run the gateway child with --cpu-prof (profiles land in ./bench-profiles). Not part of `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../dist/${path}`);
const SELF = fileURLToPath(import.meta.url);
const SECRET = 'bench-secret';
const TEACHER = 'teacher-000000000001';

const mode = process.argv[2];

if (mode === '--gateway') {
  // A gateway in front of the given service addresses, with extra settings; reports its port.
  const { createLogger } = dist('core/logger.js');
  const { parseConfig, SERVICE_NAMES } = dist('core/config.js');
  const { createStaticRegistry } = dist('discovery/static-registry.js');
  const { createGateway } = dist('src/create-gateway.js');
  const addresses = JSON.parse(process.argv[3]);
  const env = JSON.parse(process.argv[4]);
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET_KEY: SECRET,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    FLOOD_THRESHOLD: '0',
    RATE_LIMIT_AUTH_RPS: '0',
    RATE_LIMIT_CLUB_RPS: '0',
    RATE_LIMIT_OUTING_RPS: '0',
    RATE_LIMIT_SCHEDULE_RPS: '0',
    RATE_LIMIT_ANNOUNCEMENT_RPS: '0',
    ...env,
  });
  const gateway = await createGateway({
    config,
    logger: createLogger({ name: 'bench', level: 'silent' }),
    registry: createStaticRegistry(Object.fromEntries(SERVICE_NAMES.map((s) => [s, [addresses[s]]]))),
  });
  process.send({ port: await gateway.listen() });
  process.on('disconnect', () => gateway.close().then(() => process.exit(0)));
  await new Promise(() => {});
}

if (mode === '--b3') {
  // B3: the transport floor. One grpc-js channel, one unary call per request with the metadata the services
  // require (x-request-id, span-context), the reply as JSON.
  const grpc = require('@grpc/grpc-js');
  const { AuthTeacherService } = dist('grpc-clients/generated/auth/auth-teacher.js');
  const { newSpanContext } = dist('grpc-clients/upstream-metadata.js');
  const addresses = JSON.parse(process.argv[3]);
  const def = AuthTeacherService.getTeacherInformWithUuid;
  const client = new grpc.Client(addresses.auth, grpc.credentials.createInsecure());
  const server = http.createServer((req, res) => {
    const teacher = req.url.slice(req.url.lastIndexOf('/') + 1);
    const metadata = new grpc.Metadata();
    metadata.set('x-request-id', randomUUID());
    metadata.set('span-context', newSpanContext());
    client.makeUnaryRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      { UUID: TEACHER, TeacherUUID: teacher },
      metadata,
      { deadline: Date.now() + 5000 },
      (error, reply) => {
        const body = JSON.stringify(error ? { status: 503, message: error.message } : reply);
        res.writeHead(error ? 503 : 200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      },
    );
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
  await new Promise(() => {});
}

const REQUESTS = Number(process.argv[2] ?? 6000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const ROUNDS = Number(process.argv[4] ?? 3);

const { createLogger } = dist('core/logger.js');
const { createAccessTokens } = dist('core/access-tokens.js');
const { startReferenceServices, createDefaultAdapters } = dist('reference-services/start-reference-services.js');

const services = await startReferenceServices({
  logger: createLogger({ name: 'bench-services', level: 'silent' }),
  demoData: true,
  adapters: createDefaultAdapters(),
});

let pin = [];
try {
  execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  pin = ['taskset', '-c', '1'];
} catch {
  // No taskset: every process floats.
}

/** Starts a child (pinned to CPU 1 when possible) and waits for its port. */
function child(args, cpuProf) {
  const node = [process.execPath, ...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir=bench-profiles'] : []), SELF, ...args];
  const [command, ...rest] = pin.length > 0 ? [...pin, ...node] : node;
  const proc = spawn(command, rest, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('message', ({ port }) =>
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            proc.once('exit', done);
            proc.disconnect();
          }),
      }),
    );
  });
}

const addresses = JSON.stringify(services.addresses);
const profile = process.env.PROFILE === 'w3';
const cacheOff = await child(['--gateway', addresses, JSON.stringify({ CACHE_ENABLED: 'false' })], profile);
const cacheMiss = await child(['--gateway', addresses, JSON.stringify({})]);
const b3 = await child(['--b3', addresses]);

const token = createAccessTokens(SECRET).sign(TEACHER).token;
const PATH = `/v1/teachers/uuid/${TEACHER}`;

function get(agent, port, path, auth) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'GET',
        path,
        agent,
        headers: auth ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, cache: res.headers['x-cache'], body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function run(target, concurrency, requests) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        const res = await get(agent, target.port, target.path(i), target.auth);
        latencies.push(performance.now() - t);
        target.check(res);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: requests / seconds,
    p50: latencies[Math.floor(latencies.length / 2)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
  };
}

const envelopeOk = (res) => {
  if (res.status !== 200 || res.cache === 'HIT') throw new Error(`W3: status ${res.status}, cache ${res.cache}`);
  const body = JSON.parse(res.body);
  if (body.status !== 200 || body.code !== 0 || typeof body.name !== 'string') throw new Error('W3: bad envelope');
};
const targets = {
  'W3 cache off': { port: cacheOff.port, auth: true, path: () => PATH, check: envelopeOk },
  'W3 cache miss': {
    port: cacheMiss.port,
    auth: true,
    path: (i) => `${PATH}?n=${i}-${randomUUID()}`,
    check: envelopeOk,
  },
  'B3 floor': {
    port: b3.port,
    auth: false,
    path: () => PATH,
    check: (res) => {
      if (res.status !== 200 || JSON.parse(res.body).Status !== 200) throw new Error(`B3: status ${res.status}`);
    },
  },
};

// Warm every channel and JIT before measuring.
for (const target of Object.values(targets)) await run(target, CONCURRENCY, 1500);

const before = services.callCounts();
const results = {};
for (const concurrency of [1, CONCURRENCY]) {
  const requests = concurrency === 1 ? Math.ceil(REQUESTS / 2) : REQUESTS;
  for (const name of Object.keys(targets)) results[`${name} c=${concurrency}`] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, target] of Object.entries(targets)) {
      results[`${name} c=${concurrency}`].push(await run(target, concurrency, requests));
    }
  }
}
const after = services.callCounts();
const totalCalls = Object.keys(after).reduce((sum, k) => sum + after[k] - (before[k] ?? 0), 0);
const totalRequests = Object.keys(targets).length * ROUNDS * (Math.ceil(REQUESTS / 2) + REQUESTS);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `node ${process.version}, ${pin.length ? 'SUT pinned to CPU 1, client+services CPU 0' : 'unpinned'}; ` +
    `${REQUESTS} requests per concurrent round (half at c=1), ${ROUNDS} rounds, medians; ` +
    `backend calls per request ${(totalCalls / totalRequests).toFixed(3)}`,
);
const summary = {};
for (const [name, runs] of Object.entries(results)) {
  summary[name] = median(runs.map((r) => r.rps));
  console.log(
    `${name.padEnd(22)} ${summary[name].toFixed(0).padStart(7)} rps   p50 ${median(runs.map((r) => r.p50)).toFixed(3)} ms   p99 ${median(runs.map((r) => r.p99)).toFixed(3)} ms`,
  );
}
for (const c of [1, CONCURRENCY]) {
  const floor = summary[`B3 floor c=${c}`];
  console.log(
    `c=${c}: W3 cache off / B3 = ${(summary[`W3 cache off c=${c}`] / floor).toFixed(2)}x, ` +
      `W3 cache miss / B3 = ${(summary[`W3 cache miss c=${c}`] / floor).toFixed(2)}x (target ≥ 0.9x)`,
  );
}

await Promise.all([cacheOff.close(), cacheMiss.close(), b3.close()]);
await services.close(0);
