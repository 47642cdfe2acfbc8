// The cost of authorization on a 100-item list, measured in one run (issue 5, "Performance").
//
//   npm run build && node bench/shield-overhead.mjs [rounds]
//
// Runs the same query through three envelop setups over the same reference services (real gRPC on loopback):
//   none       the executable schema without rules,
//   shield     the rule tree through graphql-shield + graphql-middleware (every field wrapped),
//   operation  the rule tree evaluated once per operation before execution (what the gateway uses).
// Rounds alternate the setups so drift hits all three alike. Not part of `npm test`.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../dist/${path}`);
const { envelop, useEngine, useSchema } = require('@envelop/core');
const graphql = require('graphql');
const { createLogger } = dist('core/logger.js');
const { createStaticRegistry } = dist('discovery/static-registry.js');
const { createChannelPool } = dist('grpc-clients/channel-pool.js');
const { createServiceClients } = dist('grpc-clients/service-clients.js');
const { createLoaders } = dist('grpc-clients/loaders.js');
const { createInstanceBreakers } = dist('resilience/instance-breakers.js');
const { silentBreakerListener } = dist('resilience/consul-check-reporter.js');
const { startReferenceServices, createDefaultAdapters } = dist('reference-services/start-reference-services.js');
const { createExecutableSchema } = dist('src/graphql/executable-schema.js');
const { applyShield, usePermissions } = dist('permissions/index.js');
const { createAccessTokens } = dist('core/access-tokens.js');

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

const ROUNDS = Number(process.argv[2] ?? 30);
const PER_ROUND = 20;
const ITEMS = 100;
const TEACHER = 'teacher-000000000001';
const QUERY = graphql.parse(`
  query Board($size: Int) {
    announcements(type: CLUB, size: $size) {
      total
      items { id number type title writerName date views isRead }
    }
  }`);

const logger = createLogger({ name: 'bench', level: 'silent' });
// The services in a child process, as in production they are elsewhere: the timings are the gateway's own work.
const child = fork(fileURLToPath(import.meta.url), ['--services'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const addresses = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => reject(new Error(`reference services exited with ${code}`)));
});
const registry = createStaticRegistry(Object.fromEntries(Object.entries(addresses).map(([s, a]) => [s, [a]])));
const deps = {
  registry,
  channels: createChannelPool(),
  breakers: createInstanceBreakers(logger, silentBreakerListener),
};
const tokens = createAccessTokens('bench-secret');

function contextAs(uuid) {
  const clients = createServiceClients(deps, {
    callerUuid: uuid,
    requestId: randomUUID(),
    spanContext: `${randomUUID().replaceAll('-', '').slice(0, 16)}:1:0:1`,
  });
  return {
    requestId: randomUUID(),
    caller: tokens.verify(tokens.sign(uuid).token),
    clients,
    loaders: createLoaders(clients),
    tokens,
    logger,
    ip: '127.0.0.1',
  };
}

// The data: 100 club announcements written through the reference announcement service.
const writer = contextAs(TEACHER);
for (let i = 0; i < ITEMS; i += 1) {
  await writer.clients.announcement.announcement.createAnnouncement({
    type: 'club',
    title: `공지 ${i}`,
    content: JSON.stringify({ body: i }),
    targetGrade: 123,
    targetGroup: 1234,
  });
}

function setup(plugins) {
  const getEnveloped = envelop({
    plugins: [useEngine({ ...graphql, specifiedRules: graphql.specifiedRules }), ...plugins],
  });
  return async () => {
    const { execute, contextFactory, schema } = getEnveloped(contextAs(TEACHER));
    const result = await execute({
      schema,
      document: QUERY,
      contextValue: await contextFactory(),
      variableValues: { size: ITEMS },
    });
    if (result.errors?.length || result.data.announcements.items.length !== ITEMS) {
      throw new Error(`bad result: ${JSON.stringify(result.errors ?? result.data.announcements.items.length)}`);
    }
  };
}
const plain = createExecutableSchema();
const checked = createExecutableSchema();
const setups = {
  none: setup([useSchema(plain)]),
  shield: setup([useSchema(applyShield(createExecutableSchema()))]),
  operation: setup([useSchema(checked), usePermissions(checked)]),
};

const elapsed = { none: [], shield: [], operation: [] };
const cpu = { none: [], shield: [], operation: [] };
for (const run of Object.values(setups)) for (let i = 0; i < 20; i += 1) await run(); // warm-up
for (let round = 0; round < ROUNDS; round += 1) {
  // A different order each round, so no setup always runs after the same one (GC debt, JIT state).
  const order = Object.entries(setups);
  for (let i = 0; i < round % order.length; i += 1) order.push(order.shift());
  for (const [name, run] of order) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i += 1) await run();
    const used = process.cpuUsage(startCpu);
    elapsed[name].push((performance.now() - start) / PER_ROUND);
    cpu[name].push((used.user + used.system) / 1000 / PER_ROUND);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${ITEMS} announcements × 8 fields (+ total), ${ROUNDS} rounds × ${PER_ROUND} operations each, medians:`);
console.log('  wall ms/op = latency with the services in another process; gateway CPU ms/op bounds its throughput');
for (const name of Object.keys(setups)) {
  const wall = median(elapsed[name]);
  const used = median(cpu[name]);
  const vs = (value, base) => (name === 'none' ? '' : `(${((value / base - 1) * 100).toFixed(1)}% more)`);
  console.log(
    `  ${name.padEnd(9)} wall ${wall.toFixed(2)} ms/op ${vs(wall, median(elapsed.none)).padEnd(14)}` +
      `  gateway CPU ${used.toFixed(2)} ms/op ${vs(used, median(cpu.none))}` +
      `  → throughput loss ${name === 'none' ? '-' : `${((1 - median(cpu.none) / used) * 100).toFixed(1)}%`}`,
  );
}
deps.channels.close();
child.disconnect();
process.exit(0);
