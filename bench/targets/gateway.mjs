// System under test: the gateway as production runs it (NODE_ENV=production, Redis cache and limits, flood guard
// on), in front of the bench services on static addresses. BENCH_OPTIONS (JSON): { addresses, env } where `env`
// overrides settings per scenario (tracing, cache off, a dead instance for W5).
import { createRequire } from 'node:module';
import { answerProfilingRequests } from './profiling.mjs';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
// BENCH_GATEWAY_DIST: another build of the gateway (an older commit's dist/) for before-and-after figures.
const DIST = process.env.BENCH_GATEWAY_DIST ?? new URL('../../dist', import.meta.url).pathname;
const dist = (path) => require(`${DIST}/${path}`);
const { createLogger } = dist('core/logger.js');
const { parseConfig, SERVICE_NAMES } = dist('core/config.js');
const { createStaticRegistry } = dist('discovery/static-registry.js');
const { createGateway } = dist('src/create-gateway.js');

await serve(async ({ addresses, secret, redisUrl, env = {} }) => {
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    JWT_SECRET_KEY: secret,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'info',
    // Limits stay on (their cost is part of every request) but far above the offered load; the load generator's
    // address is allowlisted the way a health checker would be, since every bench request comes from 127.0.0.1.
    RATE_LIMIT_AUTH_RPS: '1000000',
    RATE_LIMIT_CLUB_RPS: '1000000',
    RATE_LIMIT_OUTING_RPS: '1000000',
    RATE_LIMIT_SCHEDULE_RPS: '1000000',
    RATE_LIMIT_ANNOUNCEMENT_RPS: '1000000',
    FLOOD_ALLOWLIST: '127.0.0.1',
    ...env,
  });
  // The production logger, on stdout, which the harness points at /dev/null: info-level request lines are
  // formatted and written as in production, and the disk is not measured.
  const logger = createLogger({ name: 'bench-gateway', level: config.logLevel });
  const gateway = await createGateway({
    config,
    logger,
    registry: createStaticRegistry(Object.fromEntries(SERVICE_NAMES.map((s) => [s, [addresses[s]]]))),
  });
  // The soak asks for the heap's own figures beside /proc's RSS, to tell a leak from a heap that grew to size.
  process.on('message', (message) => {
    if (message !== 'memory') return;
    const spaces = Object.fromEntries(
      require('node:v8')
        .getHeapSpaceStatistics()
        .map((s) => [s.space_name, Math.round(s.space_used_size / 2 ** 20)]),
    );
    process.send({ memory: process.memoryUsage(), spaces });
  });
  answerProfilingRequests();
  return { port: await gateway.listen(), close: () => gateway.close() };
});
