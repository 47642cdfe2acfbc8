// What one request costs a target's core when requests arrive at a fixed rate (paced, as in the W6 steps and the
// "80% load" tails) against the closed loop's 64 at once, and what the target costs idle. The fixed-rate runs of
// run.mjs take their rates from closed-loop maxima; if a paced request costs more CPU than one of 64 concurrent
// ones, "80% of the maximum" is more than the target can serve paced, and its tail is a queue. This tells how much,
// for the gateway and for the baselines that have no gateway code in them (B3: raw http → the same gRPC calls).
//
//   node bench/paced-cost.mjs [--cases "W2 fan-out,B3 floor N=3,W1 cached,B1 hello"] [--seconds 15]
//                             [--shares 0.1,0.3,0.5 | --rates 1000,3000]
//
// Per case: the closed loop at 64 connections (rps, CPU µs per request), then a paced run at each share of that rps
// (CPU µs per request, p50, p99, the client's send lag, how busy the load core and the reference services were). Idle: each target's CPU over `--seconds` with no load.
// Needs `npm run build` and Redis on 127.0.0.1:6379 (database 13 is flushed).
import { parseArgs } from 'node:util';
import { startTestBed } from './lib/test-bed.mjs';
import { runLoad } from './lib/load.mjs';
import { runWrk, wrkAvailable } from './lib/wrk-load.mjs';
import { cpuSecondsOf, gatewayNodeArgs, startTarget } from './lib/processes.mjs';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'W2 fan-out,B3 floor N=3,W1 cached,B1 hello' },
    seconds: { type: 'string', default: '15' },
    shares: { type: 'string', default: '0.1,0.3,0.5' },
    // Fixed rates (requests per second) instead of shares: two builds or two flag sets compared at the same load.
    rates: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const shares = args.shares.split(',').map(Number);
const rates = args.rates?.split(',').map(Number);

/** name → [target, workload, unique]: unique workloads go through autocannon (wrk repeats its requests). */
const CASES = {
  'W2 fan-out': ['gateway', 'W2', true],
  'W1 cached': ['gateway', 'W1', false],
  '{ __typename } with a token': ['gateway', 'typename', false],
  'W5 breaker open': ['gateway club down', 'W5', false],
  'B3 floor N=3': ['B3 floor', 'B3n3', true],
  'B3 floor N=1': ['B3 floor', 'B3n1', false],
  'B1 hello': ['B1 hello', 'B1', false],
};
const cases = args.cases.split(',').map((name) => {
  if (!(name in CASES)) throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(', ')}`);
  return name;
});

const bed = await startTestBed(13);
const { request, base, clubDown } = bed;
const TARGETS = {
  gateway: () => startTarget('gateway', base, { nodeArgs: gatewayNodeArgs() }),
  'gateway club down': () => startTarget('gateway', clubDown, { nodeArgs: gatewayNodeArgs() }),
  'B3 floor': () => startTarget('transport-floor', base),
  'B1 hello': () => startTarget('hello', {}),
};
const targets = {};
for (const name of new Set(cases.map((c) => CASES[c][0]))) targets[name] = await TARGETS[name]();

/** CPU µs a request: the target's CPU seconds over its answers. */
const micros = (run) => (run.rpsPerCore > 0 ? 1e6 / run.rpsPerCore : NaN);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const [name, target] of Object.entries(targets)) {
  await sleep(2000); // start-up work (JIT, connections) settles first
  const before = cpuSecondsOf(target.pid);
  await sleep(seconds * 1000);
  const idle = (cpuSecondsOf(target.pid) - before) / seconds;
  console.log(`${name} idle: ${(100 * idle).toFixed(2)}% of a core`);
}

for (const name of cases) {
  const [targetName, workload, unique] = CASES[name];
  const target = targets[targetName];
  const closed = (s) =>
    (unique || !wrkAvailable() ? runLoad : runWrk)({ target, next: request[workload], seconds: s, connections: 64 });
  await closed(Math.min(10, seconds)); // warm-up
  const max = await closed(seconds);
  console.log(
    `${name} closed loop c=64: ${max.rps.toFixed(0)} rps, ${(100 * max.cpuShare).toFixed(0)}% of its core, ` +
      `${micros(max).toFixed(0)} µs CPU a request, p50 ${max.latency.p50} ms, p99 ${max.latency.p99} ms`,
  );
  for (const step of rates ?? shares) {
    const rate = rates ? step : Math.max(1, Math.round(step * max.rps));
    const backendCpu = cpuSecondsOf(bed.backends.pid);
    const run = await runLoad({ target, next: request[workload], seconds, rate });
    const backendShare = (cpuSecondsOf(bed.backends.pid) - backendCpu) / seconds;
    console.log(
      `${name} paced ${rate}/s (${(rate / max.rps).toFixed(2)}×): ${(100 * run.cpuShare).toFixed(0)}% of its core, ` +
        `${micros(run).toFixed(0)} µs CPU a request, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms ` +
        `(send lag p99 ${run.sendLag?.p99 ?? '?'} ms, load core ${Math.round(100 * run.loadCoreBusy)}% busy, ` +
        `services ${Math.round(100 * backendShare)}% of a core, statuses ${JSON.stringify(run.statuses)})`,
    );
  }
}

await Promise.all(Object.values(targets).map((t) => t.close()));
await bed.close();
process.exit(0);
