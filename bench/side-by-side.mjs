// Two builds of the gateway measured at the same time, for before-and-after figures on a noisy machine.
//
//   node bench/side-by-side.mjs --before <dist> [--only "W1 cached,W4 forged token"] [--rounds 4] [--seconds 10]
//                               [--connections 32] [--before-node-options="…"] [--after-node-options="…"]
//                               [--sample 0.01]
//
// Both gateways run on CPU 1 at once, each loaded by its own wrk on CPU 0 with the same requests, so whatever
// else the machine does (a neighbour's burst, a slower minute) falls on both alike; each one's rps per core is its
// answers over its own CPU seconds, and the ratio after ÷ before is reported per round with the median. Runs
// one after another (`run.mjs` with BENCH_GATEWAY_DIST) drifted by up to 50% between minutes on this VM, more than
// most changes are worth. `--before dist` measures the build against itself: the method's own spread.
//
// `--before` is another build's dist/ (an older commit's `npm run build`, copied under bench/results/ so that it
// resolves this checkout's node_modules); the build under test is this checkout's dist/. `--before dist` with
// `--after-node-options` compares V8 or Node flags on one build instead (each side's flags replace the
// deployment's, `gatewayNodeArgs()`, so repeat `--max-old-space-size=160` in them). `--sample` turns tracing on
// in both at that ratio, exporting to a sink that keeps nothing (as run.mjs's traced cases). Needs wrk and Redis
// (databases 10 and 11 are flushed).
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startBackends } from './lib/backends.mjs';
import { gatewayNodeArgs, pinOrchestrator, pinToLoadCore, startTarget } from './lib/processes.mjs';
import { median } from './lib/report.mjs';
import { runLoad } from './lib/load.mjs';
import { runWrk, wrkAvailable } from './lib/wrk-load.mjs';
import { startOtlpSink } from './lib/otlp-sink.mjs';
import * as w from './lib/workloads.mjs';

const require = createRequire(import.meta.url);
const Redis = require('ioredis');

const { values: args } = parseArgs({
  options: {
    before: { type: 'string' },
    only: { type: 'string', default: 'W1 cached,W4 forged token' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'before-node-options': { type: 'string' },
    'after-node-options': { type: 'string' },
    sample: { type: 'string' },
  },
});
if (!args.before || !wrkAvailable()) {
  console.error('usage: node bench/side-by-side.mjs --before <dist of the other build> (needs wrk)');
  process.exit(2);
}

/** The cases this compares: the gateway's own workloads (bench/lib/workloads.mjs), on the default gateway. */
const CASES = {
  'W1 cached': 'W1',
  'W2 fan-out': 'W2',
  'REST cached': 'W3cached',
  'REST route 13': 'W3post',
  '{ __typename } with a token': 'typename',
  ping: 'ping',
  'W4 rejected': 'W4rejected',
  'W4 forged token': 'W4forged',
  'W4 authz-denied': 'W4denied',
};
/**
 * Workloads whose requests must all differ (W2: no cache may answer a repeat): autocannon builds each request as it
 * goes, where wrk repeats a list of 500 (the response cache answered those from the second round on).
 */
const UNIQUE = new Set(['W2']);
const cases = args.only.split(',').map((name) => {
  if (!(name in CASES)) throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(', ')}`);
  return name;
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);

pinOrchestrator();
const databases = [10, 11].map((db) => `redis://127.0.0.1:6379/${db}`);
let unpinRedis = () => {};
for (const url of databases) {
  const redis = new Redis(url);
  await redis.flushdb();
  // Pinned beside the load for the run, as run.mjs does, and given its cores back at the end.
  if (url === databases[0])
    unpinRedis = pinToLoadCore(Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]));
  redis.disconnect();
}
// Only `--sample` exports spans, so only it needs somewhere to send them.
const otlpSink = args.sample === undefined ? undefined : await startOtlpSink();
const tracing =
  otlpSink === undefined
    ? {}
    : {
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: otlpSink.url,
          OTEL_TRACES_SAMPLER_ARG: args.sample,
        },
      };
const backends = await startBackends();
const request = w.requestsFor(w.tokenPools());
const nodeArgsOf = (flags) => (flags === undefined ? gatewayNodeArgs() : flags.split(/\s+/).filter(Boolean));
const gateway = (redisUrl, env, flags) =>
  startTarget(
    'gateway',
    { addresses: backends.addresses, secret: w.SECRET, redisUrl, ...tracing },
    { nodeArgs: nodeArgsOf(flags), env },
  );
const before = await gateway(databases[0], { BENCH_GATEWAY_DIST: resolve(args.before) }, args['before-node-options']);
// This checkout's build, even when BENCH_GATEWAY_DIST is set in the environment (the target would load that).
const after = await gateway(databases[1], { BENCH_GATEWAY_DIST: undefined }, args['after-node-options']);

/**
 * Both gateways loaded at once with the same requests; `afterFirst` starts the after build's load first (rounds
 * alternate: in runs of a build against itself the load started first gained up to 4%).
 */
const both = async (workload, secondsEach, afterFirst = false) => {
  const load = (target) =>
    (UNIQUE.has(workload) ? runLoad : runWrk)({ target, next: request[workload], seconds: secondsEach, connections });
  if (!afterFirst) return Promise.all([load(before), load(after)]);
  const [a, b] = await Promise.all([load(after), load(before)]);
  return [b, a];
};

console.log(
  `before: ${resolve(args.before)} ${nodeArgsOf(args['before-node-options']).join(' ')}\n` +
    `after:  ${new URL('../dist', import.meta.url).pathname} ${nodeArgsOf(args['after-node-options']).join(' ')}`,
);
for (const name of cases) {
  const workload = CASES[name];
  await both(workload, 3);
  const ratios = [];
  for (let round = 1; round <= Number(args.rounds); round += 1) {
    const [b, a] = await both(workload, seconds, round % 2 === 0);
    const unexpected = [b, a].filter((r) => Object.keys(r.statuses).some((s) => !(s in r.expected)));
    ratios.push(a.rpsPerCore / b.rpsPerCore);
    console.log(
      `${name} round ${round}: before ${b.rpsPerCore.toFixed(0)} rps/core (p99 ${b.latency.p99} ms), ` +
        `after ${a.rpsPerCore.toFixed(0)} (p99 ${a.latency.p99} ms): ×${(a.rpsPerCore / b.rpsPerCore).toFixed(3)}` +
        `${unexpected.length ? '  UNEXPECTED STATUSES' : ''}`,
    );
  }
  console.log(`${name}: median ×${median(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(', ')})`);
}
await Promise.all([before.close(), after.close()]);
await backends.close();
otlpSink?.close();
unpinRedis();
process.exit(0);
