// W1 (benchmark-plan.md): a cached read answered by the fast path, against the same read uncached and against
// the "ideal bytes cache" baseline B2 (raw http → sha256(body) → Redis GET → bytes), in one run.
//
//   npm run build && node bench/cached-read.mjs [requests] [concurrency]
//
// Needs Redis on 127.0.0.1:6379 (database 13 is flushed). The reference services run in a child process so that
// their CPU does not count against the gateway's. Rounds alternate the targets so drift hits them alike.
// Not part of `npm test`.
import { createHash } from 'node:crypto';
import { fork } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../dist/${path}`);
const { createLogger } = dist('core/logger.js');
const { parseConfig, SERVICE_NAMES } = dist('core/config.js');
const { createStaticRegistry } = dist('discovery/static-registry.js');
const { createGateway } = dist('src/create-gateway.js');
const { createAccessTokens } = dist('core/access-tokens.js');
const { startReferenceServices, createDefaultAdapters } = dist('reference-services/start-reference-services.js');
const Redis = require('ioredis');

if (process.argv[2] === '--services') {
  const services = await startReferenceServices({
    logger: createLogger({ name: 'bench-services', level: 'silent' }),
    demoData: true,
    adapters: createDefaultAdapters(),
  });
  process.send(services.addresses);
  process.on('disconnect', () => services.close().then(() => process.exit(0)));
  await new Promise(() => {});
}

const REQUESTS = Number(process.argv[2] ?? 4000);
const CONCURRENCY = Number(process.argv[3] ?? 1);
const REDIS_URL = 'redis://127.0.0.1:6379/13';
const SECRET = 'bench-secret';
const QUERY = `query MyOutings($limit: Int) { myOutings(limit: $limit) {
  id student { id } place reason situation status startsAt endsAt arrivedAt isLate } }`;

const child = fork(fileURLToPath(import.meta.url), ['--services'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const addresses = await new Promise((resolve) => child.once('message', resolve));
const registry = () => createStaticRegistry(Object.fromEntries(SERVICE_NAMES.map((s) => [s, [addresses[s]]])));
const flush = new Redis(REDIS_URL);
await flush.flushdb();

async function gateway(env) {
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
  const g = await createGateway({
    config,
    logger: createLogger({ name: 'bench', level: 'silent' }),
    registry: registry(),
  });
  return { port: await g.listen(), close: () => g.close() };
}

// B2: the ideal bytes cache on the same Redis.
async function bytesCache() {
  const redis = new Redis(REDIS_URL);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const key = `b2:${createHash('sha256').update(Buffer.concat(chunks)).digest('base64url')}`;
      const body = await redis.get(key);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body ?? '{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    redis,
    close: () => new Promise((r) => server.close(r)).then(() => redis.quit()),
  };
}

const token = createAccessTokens(SECRET).sign('student-000000000001').token;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(port, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/graphql',
        agent,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': body.length,
        },
      },
      (res) => {
        let size = 0;
        res.on('data', (c) => (size += c.length));
        res.on('end', () => resolve({ status: res.statusCode, cache: res.headers['x-cache'], size }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(port, bodyFor, check) {
  const latencies = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        const res = await post(port, bodyFor(i));
        latencies.push(performance.now() - t);
        check(res);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: REQUESTS / seconds,
    p50: latencies[Math.floor(latencies.length / 2)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
  };
}

const cached = await gateway({ REDIS_URL });
const uncached = await gateway({ CACHE_ENABLED: 'false' });
const b2 = await bytesCache();
const hitBody = Buffer.from(JSON.stringify({ query: QUERY, variables: { limit: 10 } }));
// Warm: the first request teaches the fast path the document, the second stores the entry.
for (let i = 0; i < 3; i += 1) await post(cached.port, hitBody);
const sample = await post(cached.port, hitBody);
if (sample.cache !== 'HIT') throw new Error('the warm read is not a fast-path hit');
await b2.redis.set(`b2:${createHash('sha256').update(hitBody).digest('base64url')}`, 'x'.repeat(sample.size));

const targets = {
  'W1 fast-path hit': () =>
    run(
      cached.port,
      () => hitBody,
      (r) => {
        if (r.status !== 200 || r.cache !== 'HIT') throw new Error(`not a hit: ${r.status} ${r.cache}`);
      },
    ),
  // Variables unique per request (limit differs, as many as the list allows), the same answer shape.
  'uncached read': () =>
    run(
      uncached.port,
      (i) => Buffer.from(JSON.stringify({ query: QUERY, variables: { limit: 10 + (i % 50) } })),
      (r) => {
        if (r.status !== 200) throw new Error(`status ${r.status}`);
      },
    ),
  'B2 bytes cache (Redis)': () =>
    run(
      b2.port,
      () => hitBody,
      () => {},
    ),
};
const results = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
for (let round = 0; round < 3; round += 1) {
  for (const [name, target] of Object.entries(targets)) results[name].push(await target());
}
const median = (xs) => xs.sort((a, b) => a - b)[1];
console.log(
  `requests ${REQUESTS} per round, concurrency ${CONCURRENCY}, response ${sample.size} bytes, 3 rounds (median)`,
);
const summary = {};
for (const [name, runs] of Object.entries(results)) {
  summary[name] = median(runs.map((r) => r.rps));
  console.log(
    `${name.padEnd(24)} ${summary[name].toFixed(0).padStart(7)} rps   p50 ${median(runs.map((r) => r.p50)).toFixed(3)} ms   p99 ${median(runs.map((r) => r.p99)).toFixed(3)} ms`,
  );
}
console.log(`W1 / uncached: ${(summary['W1 fast-path hit'] / summary['uncached read']).toFixed(2)}x`);
console.log(`W1 / B2-Redis: ${(summary['W1 fast-path hit'] / summary['B2 bytes cache (Redis)']).toFixed(2)}x`);

await cached.close();
await uncached.close();
await b2.close();
await flush.flushdb();
flush.disconnect();
agent.destroy();
child.disconnect();
