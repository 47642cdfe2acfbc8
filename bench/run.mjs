// The benchmark harness (benchmark-plan.md §1, issue #10): every workload against the gateway and against its
// baselines and peers, in one run on this machine, interleaved, with correctness gates; writes
// bench/results/latest-<mode>.{json,md} (mode full, quick, or custom for anything else: bench/lib/report.mjs runMode).
//
//   npm run bench          full protocol: 15 s warm-up, 60 s measured, 3 interleaved repetitions (≈ 2 h)
//   npm run bench:quick    1 repetition of a few seconds per case (< 2 min), for a smoke check of every ratio
//   node bench/run.mjs [--quick] [--seconds N] [--warmup N] [--reps N] [--only W1,W3] [--cpu-prof]
//                      [--connections N] [--autocannon]
//
// Load comes from wrk when it is installed (`apt-get install wrk`: autocannon alone cannot keep the cheap targets
// busy from one core, which understates their rps per core), autocannon otherwise or with --autocannon; every
// case reports whether its target's core was saturated.
//
// Needs `npm run build` first (the npm scripts do it) and Redis on 127.0.0.1:6379 (database 12 is flushed).
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { callsBetween, startBackends } from './lib/backends.mjs';
import { runLoad, runSequential, statusGate } from './lib/load.mjs';
import { runWrk, wrkAvailable } from './lib/wrk-load.mjs';
import {
  gatewayNodeArgs,
  pinOrchestrator,
  pinToLoadCore,
  processPeakRss,
  startPeakRss,
  startTarget,
} from './lib/processes.mjs';
import { environment, MB, median, runMode, summarize, writeResult } from './lib/report.mjs';
import { startOtlpSink } from './lib/otlp-sink.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import * as w from './lib/workloads.mjs';

const require = createRequire(import.meta.url);
const Redis = require('ioredis');
const HERE = fileURLToPath(new URL('.', import.meta.url));

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    reps: { type: 'string' },
    connections: { type: 'string' },
    autocannon: { type: 'boolean', default: false },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const mode = runMode(args);
const protocol = {
  warmupSeconds: Number(args.warmup ?? (args.quick ? 1 : 15)),
  seconds: Number(args.seconds ?? (args.quick ? 1 : 60)),
  reps: Number(args.reps ?? (args.quick ? 1 : 3)),
  connections: Number(args.connections ?? 64),
};
const useWrk = !args.autocannon && wrkAvailable();
const only = args.only?.split(',');
const REDIS_URL = 'redis://127.0.0.1:6379/12';
const startedAt = new Date().toISOString();
// Another build of the gateway under test (bench/targets/gateway.mjs), for before-and-after figures.
const gatewayDist = process.env.BENCH_GATEWAY_DIST;

const pinned = pinOrchestrator();
const redis = new Redis(REDIS_URL);
await redis.flushdb();
const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
const unpinRedis = pinToLoadCore(redisPid);

const otlpSink = await startOtlpSink();
const deadPort = await new Promise((resolve) => {
  const probe = http.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

const backends = await startBackends();
const pools = w.tokenPools();
const base = { addresses: backends.addresses, secret: w.SECRET, redisUrl: REDIS_URL };
const otlp = otlpSink.url;

const GATEWAY_NODE_ARGS = gatewayNodeArgs();

/** Every system under test, started once and left idle between its cases. */
const TARGETS = {
  gateway: ['gateway', base],
  'gateway traced 1%': [
    'gateway',
    { ...base, env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_TRACES_SAMPLER_ARG: '0.01' } },
  ],
  'gateway traced 100%': [
    'gateway',
    { ...base, env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_TRACES_SAMPLER_ARG: '1' } },
  ],
  // W3 measures the shim itself (B3 has no cache either); the default gateway's miss-and-store is reported beside it.
  'gateway cache off': ['gateway', { ...base, env: { CACHE_ENABLED: 'false' } }],
  // W5: the club service's only instance is gone (nothing listens on its address).
  'gateway club down': ['gateway', { ...base, addresses: { ...base.addresses, club: `127.0.0.1:${deadPort}` } }],
  'B1 hello': ['hello', {}],
  'B2 memory': ['bytes-cache', { store: 'memory', answerBytes: 2366 }],
  'B2 redis': ['bytes-cache', { store: 'redis', redisUrl: REDIS_URL, answerBytes: 2366 }],
  // The ideal bytes cache of a REST read: route 21's answer (≈ 160 bytes) from the same Redis.
  'B2 redis, REST answer': ['bytes-cache', { store: 'redis', redisUrl: REDIS_URL, answerBytes: 160 }],
  'B3 floor': ['transport-floor', base],
  'B4 grpc loop': ['grpc-loop', base],
  'B5 apollo memory': ['apollo-memory', base],
  'B6 apollo': ['peer-apollo', base],
  'B6 yoga': ['peer-yoga', base],
  'B6 mercurius+jit': ['peer-mercurius', base],
  'B7 envelop cache': ['envelop-cache', base],
  'shield on apollo': ['shield-apollo', base],
  'fastify REST shim': ['fastify-rest', base],
};

const request = w.requestsFor(pools);

const json = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
/** Body checks on a sample (sent before the measured run): the answer is the right one, not just the status. */
const bodyCheck = {
  W1: (b) => json(b)?.data?.myOutings?.length === 10,
  W2: (b) => Array.isArray(json(b)?.data?.students) && typeof json(b)?.data?.announcements?.total === 'number',
  W3: (b) => json(b)?.code === 0 && typeof json(b)?.name === 'string',
  W3post: (b) => json(b)?.code === 0 && Array.isArray(json(b)?.students) && json(b).students.length === 1,
  ping: (b) => json(b) === 'pong',
  typename: (b) => json(b)?.data?.__typename === 'Query',
  W4rejected: (b) => json(b)?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED',
  W4denied: (b) => json(b)?.errors?.[0]?.extensions?.code === 'FORBIDDEN' && json(b)?.data === null,
  W5: (b) => json(b)?.errors?.[0]?.extensions?.reason === 'CIRCUIT_OPEN',
  B3n3: (b) => Array.isArray(json(b)) && json(b).length === 3,
};

/**
 * The cases. `calls`: exact backend calls per request (a gate), or `maxCallsPerRequest` for cache hits (hit
 * ratio ≥ 99%: a miss costs 2 calls). `c1`: also measure at one connection for the low-load latency target.
 * `unique`: every request must differ (no cache may answer a repeat), so autocannon sends it, building each request
 * as it goes: wrk repeats a list of 500, which the response cache answered from the second round on (W2 on wrk
 * made 1,500 backend calls for 321,700 answers), and the peers of such a case are loaded the same way.
 */
const CASES = [
  { name: 'W1 cached', target: 'gateway', workload: 'W1', maxCallsPerRequest: 0.02, check: 'W1', c1: true },
  { name: 'W1 cached, traced 1%', target: 'gateway traced 1%', workload: 'W1', maxCallsPerRequest: 0.02, check: 'W1' },
  {
    name: 'W1 cached, traced 100%',
    target: 'gateway traced 100%',
    workload: 'W1',
    maxCallsPerRequest: 0.02,
    check: 'W1',
  },
  { name: 'B2 memory', target: 'B2 memory', workload: 'W1', calls: 0 },
  { name: 'B2 redis', target: 'B2 redis', workload: 'W1', calls: 0, c1: true },
  { name: 'B7 envelop cache', target: 'B7 envelop cache', workload: 'W1', maxCallsPerRequest: 0.02, check: 'W1' },
  { name: 'B5 small', target: 'B5 apollo memory', workload: 'B5small', calls: 0 },
  { name: '{ __typename } with a token', target: 'gateway', workload: 'typename', calls: 0, check: 'typename' },
  { name: 'B5 { __typename }', target: 'B5 apollo memory', workload: 'typename', calls: 0, check: 'typename' },
  { name: 'B5 list', target: 'B5 apollo memory', workload: 'B5list', calls: 0 },
  { name: 'W2 fan-out', unique: true, target: 'gateway', workload: 'W2', calls: 3, check: 'W2', c1: true },
  { name: 'W2 fan-out, traced 1%', unique: true, target: 'gateway traced 1%', workload: 'W2', calls: 3, check: 'W2' },
  {
    name: 'W2 fan-out, traced 100%',
    unique: true,
    target: 'gateway traced 100%',
    workload: 'W2',
    calls: 3,
    check: 'W2',
  },
  { name: 'B3 floor N=3', unique: true, target: 'B3 floor', workload: 'B3n3', calls: 3, check: 'B3n3' },
  { name: 'B6 apollo W2', unique: true, target: 'B6 apollo', workload: 'W2', calls: 3, check: 'W2' },
  { name: 'B6 yoga W2', unique: true, target: 'B6 yoga', workload: 'W2', calls: 3, check: 'W2' },
  { name: 'B6 mercurius+jit W2', unique: true, target: 'B6 mercurius+jit', workload: 'W2', calls: 3, check: 'W2' },
  { name: 'W3 REST', target: 'gateway cache off', workload: 'W3', calls: 1, check: 'W3', c1: true },
  { name: 'W3 REST, cache miss + store', unique: true, target: 'gateway', workload: 'W3', calls: 1, check: 'W3' },
  { name: 'B3 floor N=1', target: 'B3 floor', workload: 'B3n1', calls: 1 },
  { name: 'fastify REST shim', target: 'fastify REST shim', workload: 'W3', calls: 1, check: 'W3' },
  { name: 'REST cached', target: 'gateway', workload: 'W3cached', maxCallsPerRequest: 0.02, check: 'W3' },
  { name: 'B2 redis, REST answer', target: 'B2 redis, REST answer', workload: 'W3cached', calls: 0 },
  { name: 'REST route 13', target: 'gateway cache off', workload: 'W3post', calls: 1, check: 'W3post' },
  { name: 'ping', target: 'gateway', workload: 'ping', calls: 0, check: 'ping' },
  { name: 'W4 rejected', target: 'gateway', workload: 'W4rejected', calls: 0, check: 'W4rejected', c1: true },
  { name: 'W4 forged token', target: 'gateway', workload: 'W4forged', calls: 0, check: 'W4rejected' },
  { name: 'B1 hello', target: 'B1 hello', workload: 'B1', calls: 0 },
  { name: 'W4 authz-denied', target: 'gateway', workload: 'W4denied', calls: 0, check: 'W4denied' },
  { name: 'shield on apollo, denied', target: 'shield on apollo', workload: 'W4denied', calls: 0, check: 'W4denied' },
  { name: 'W5 breaker open', target: 'gateway club down', workload: 'W5', calls: 0, check: 'W5' },
].filter((c) => !only || only.some((o) => c.name.startsWith(o) || c.workload.startsWith(o)));

const result = {
  startedAt,
  mode,
  command:
    `${gatewayDist ? `BENCH_GATEWAY_DIST=${gatewayDist} ` : ''}${process.env.BENCH_GATEWAY_NODE_OPTIONS !== undefined ? `BENCH_GATEWAY_NODE_OPTIONS="${process.env.BENCH_GATEWAY_NODE_OPTIONS}" ` : ''}node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  protocol: { ...protocol, loadTool: useWrk ? 'wrk' : 'autocannon', gatewayNodeArgs: GATEWAY_NODE_ARGS },
  pinned,
  environment: environment(),
  cases: {},
  extra: {},
};

const targets = {};
const wanted = new Set(CASES.map((c) => c.target));
if (!only || only.includes('W6')) wanted.add('gateway');
if (!only || only.includes('B4')) wanted.add('B4 grpc loop');
await Promise.all(
  Object.entries(TARGETS).map(async ([name, [script, options, extra]]) => {
    if (!wanted.has(name)) return;
    if (!existsSync(`${HERE}targets/${script}.mjs`)) {
      console.log(`target ${name}: bench/targets/${script}.mjs missing, its cases are skipped`);
      return;
    }
    const nodeArgs = script === 'gateway' ? GATEWAY_NODE_ARGS : [];
    targets[name] = await startTarget(script, options, {
      ...extra,
      nodeArgs: [...nodeArgs, ...(extra?.nodeArgs ?? [])],
    });
  }),
);

/** Sends `n` requests one by one with fetch and checks status and body: the sample behind the body gate. */
async function sample(target, make, check, n = 5) {
  const problems = [];
  for (let i = 0; i < n; i += 1) {
    const r = make(1_000_000 + i);
    const res = await fetch(`http://127.0.0.1:${target.port}${r.path}`, {
      method: r.method ?? 'GET',
      headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
      body: r.body,
    });
    const text = await res.text();
    if (res.status !== r.expect) problems.push(`sample status ${res.status} (want ${r.expect}): ${text.slice(0, 120)}`);
    else if (check && !check(text)) problems.push(`sample body: ${text.slice(0, 120)}`);
  }
  return [...new Set(problems)];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function measure(c, options) {
  const target = targets[c.target];
  // Requests still in flight from the previous run must not make their calls inside this run's count.
  await settle();
  const before = await backends.calls();
  // Saturating runs use wrk where it is installed (autocannon cannot keep a cheap target busy from one core);
  // fixed-rate runs on our own paced open-loop client (bench/lib/paced-load.mjs); c = 1 on our own sequential one.
  const load =
    options.connections === 1 ? runSequential : options.rate === undefined && useWrk && !c.unique ? runWrk : runLoad;
  const run = await load({ target, next: request[c.workload], ...options });
  const calls = callsBetween(before, await backends.calls());
  run.backendCallsPerRequest = calls.total / Math.max(1, run.completed);
  const problems = statusGate(run);
  if (c.calls !== undefined) {
    // Requests answered after the window closed made their calls too: allow the in-flight ones, no more.
    const slack = c.calls * 2 * run.connections;
    if (Math.abs(calls.total - c.calls * run.completed) > slack)
      problems.push(`backend calls ${calls.total} for ${run.completed} answers (want ${c.calls} each)`);
  }
  if (c.maxCallsPerRequest !== undefined && run.backendCallsPerRequest > c.maxCallsPerRequest)
    problems.push(`backend calls per request ${run.backendCallsPerRequest.toFixed(3)} (hit ratio below 99%)`);
  run.gateProblems = problems;
  return run;
}

const runnable = CASES.filter((c) => {
  if (targets[c.target]) return true;
  result.cases[c.name] = { skipped: `target ${c.target} not available`, gateProblems: [] };
  return false;
});
const runs = Object.fromEntries(runnable.map((c) => [c.name, { saturated: [], c1: [], sampleProblems: [] }]));
const say = (text) => process.stdout.write(`${text}\n`);

for (let rep = 0; rep < protocol.reps; rep += 1) {
  for (const c of runnable) {
    const warm = rep === 0 ? protocol.warmupSeconds : Math.min(protocol.warmupSeconds, 5);
    // Each case's peak RSS is its own (its warm-up included), so the table shows which case needs the memory.
    startPeakRss(targets[c.target].pid);
    await (useWrk && !c.unique ? runWrk : runLoad)({
      target: targets[c.target],
      next: request[c.workload],
      seconds: warm,
      connections: protocol.connections,
    });
    // The sample checks the steady state (after the warm-up: W5's breaker is open by then).
    if (rep === 0)
      runs[c.name].sampleProblems = await sample(targets[c.target], request[c.workload], bodyCheck[c.check]);
    // --cpu-prof: the gateway targets profile each case's measured run alone (bench/profiles/<case>.cpuprofile).
    const profiled = args['cpu-prof'] && TARGETS[c.target][0] === 'gateway';
    if (profiled) {
      targets[c.target].send({ profile: 'start' });
      await targets[c.target].next();
    }
    const run = await measure(c, { seconds: protocol.seconds, connections: protocol.connections });
    if (profiled) {
      mkdirSync(`${HERE}profiles`, { recursive: true });
      targets[c.target].send({ profile: 'stop', file: `${HERE}profiles/${c.name.replace(/[^\w]+/g, '-')}.cpuprofile` });
      say(`profile: ${(await targets[c.target].next()).profiled}`);
    }
    runs[c.name].saturated.push(run);
    say(
      `[${rep + 1}/${protocol.reps}] ${c.name.padEnd(28)} ${run.rpsPerCore.toFixed(0).padStart(7)} rps/core ` +
        `${run.rps.toFixed(0).padStart(7)} rps  p99 ${run.latency.p99} ms  calls/req ${run.backendCallsPerRequest.toFixed(3)}` +
        `${run.gateProblems.length ? `  GATE: ${run.gateProblems.join('; ')}` : ''}`,
    );
    if (c.c1) runs[c.name].c1.push(await measure(c, { seconds: Math.max(1, protocol.seconds / 2), connections: 1 }));
  }
}

for (const c of runnable) {
  const r = runs[c.name];
  result.cases[c.name] = {
    target: c.target,
    workload: c.workload,
    summary: summarize(r.saturated),
    c1: r.c1.length ? summarize(r.c1) : undefined,
    gateProblems: [...r.sampleProblems, ...new Set(r.saturated.concat(r.c1).flatMap((x) => x.gateProblems))],
    runs: r.saturated,
  };
}

// B4: direct grpc-js, 50 calls in flight from the pinned target; server CPU from the services' process.
if (targets['B4 grpc loop']) {
  const { cpuSecondsOf } = await import('./lib/processes.mjs');
  const samples = [];
  for (let rep = 0; rep < protocol.reps; rep += 1) {
    const serverCpu = cpuSecondsOf(backends.pid);
    targets['B4 grpc loop'].send({ seconds: protocol.seconds, inFlight: 50 });
    const r = await targets['B4 grpc loop'].next();
    samples.push({ ...r, serverCpuMicros: (cpuSecondsOf(backends.pid) - serverCpu) * 1e6 });
  }
  const b4 = {
    callsPerSecond: median(samples.map((s) => s.calls / s.seconds)),
    clientMicrosPerCall: median(samples.map((s) => s.clientCpuMicros / s.calls)),
    serverMicrosPerCall: median(samples.map((s) => s.serverCpuMicros / s.calls)),
    errors: samples.reduce((a, s) => a + s.errors, 0),
  };
  result.b4 = b4;
  result.extra['B4 direct grpc-js (50 in flight)'] =
    `${b4.callsPerSecond.toFixed(0)} calls/s · client ${b4.clientMicrosPerCall.toFixed(1)} µs/call · ` +
    `server ${b4.serverMicrosPerCall.toFixed(1)} µs/call · ${b4.errors} errors`;
  say(`B4 ${result.extra['B4 direct grpc-js (50 in flight)']}`);
}

/** How far the paced client itself was from its schedule, and how busy its core was (a fixed-rate run's caveats). */
const generatorNote = (run) =>
  `send lag p99 ${run.sendLag?.p99 ?? '?'} ms, load core ${Math.round(100 * (run.loadCoreBusy ?? 0))}%`;

// W2's tail at 80% of its measured maximum (fixed rate, so coordinated omission does not hide the tail).
const w2 = result.cases['W2 fan-out']?.summary;
if (w2 && targets.gateway) {
  const rate = Math.round(0.8 * w2.rps);
  startPeakRss(targets.gateway.pid);
  const run = await measure({ target: 'gateway', workload: 'W2', calls: 3 }, { seconds: protocol.seconds, rate });
  result.w2At80 = {
    rate,
    rps: run.rps,
    p50: run.latency.p50,
    p99: run.latency.p99,
    generator: generatorNote(run),
    gateProblems: run.gateProblems,
    peakRssMb: run.peakRss / MB,
  };
  say(`W2 at ${rate}/s: p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms (${generatorNote(run)})`);
}

// W5's tail at 80% of its measured maximum, likewise.
const w5 = result.cases['W5 breaker open']?.summary;
if (w5 && targets['gateway club down']) {
  const rate = Math.round(0.8 * w5.rps);
  startPeakRss(targets['gateway club down'].pid);
  const run = await measure(
    { target: 'gateway club down', workload: 'W5', calls: 0 },
    { seconds: protocol.seconds, rate },
  );
  result.w5At80 = {
    rate,
    rps: run.rps,
    p50: run.latency.p50,
    p99: run.latency.p99,
    generator: generatorNote(run),
    gateProblems: run.gateProblems,
    peakRssMb: run.peakRss / MB,
  };
  say(`W5 at ${rate}/s: p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms (${generatorNote(run)})`);
}

// W6: the mix at fixed rates, up to the rate its classes' measured costs allow; the highest with p99 ≤ 25 ms.
const cost = (name) => 1 / (result.cases[name]?.summary?.rpsPerCore ?? NaN);
const allowed =
  1 /
  (0.8 * cost('W1 cached') +
    0.15 * cost('W2 fan-out') +
    0.04 * cost('W3 REST, cache miss + store') +
    0.01 * cost('W4 rejected'));
if (Number.isFinite(allowed) && targets.gateway && (!only || only.includes('W6'))) {
  const steps = args.quick ? [0.8] : [0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
  const tried = [];
  let best = 0;
  for (const share of steps) {
    const rate = Math.round(share * allowed);
    startPeakRss(targets.gateway.pid);
    const run = await measure({ target: 'gateway', workload: 'W6' }, { seconds: protocol.seconds, rate });
    const held = run.latency.p99 <= 25 && run.gateProblems.length === 0 && run.rps >= 0.95 * rate;
    tried.push({
      share,
      rate,
      rps: run.rps,
      p50: run.latency.p50,
      p99: run.latency.p99,
      held,
      generator: generatorNote(run),
      gateProblems: run.gateProblems,
      peakRssMb: run.peakRss / MB,
    });
    say(
      `W6 at ${rate}/s (${share}×): ${run.rps.toFixed(0)} rps, p99 ${run.latency.p99} ms ${held ? 'held' : 'NOT held'} (${generatorNote(run)})`,
    );
    if (!held) break;
    best = share;
  }
  result.w6 = { allowedRate: allowed, bestShare: best, tried };
  result.extra['W6 mix at fixed rates'] = tried
    .map(
      (t) =>
        `${t.rate}/s (${t.share}× the ${allowed.toFixed(0)}/s the mix allows): ${t.rps.toFixed(0)} rps, p50 ${t.p50} ms, p99 ${t.p99} ms — ${t.held ? 'held' : 'not held'} (${t.generator})${t.gateProblems.length ? ` (${t.gateProblems.join('; ')})` : ''}`,
    )
    .join('  \n');
}

// Every gateway process counts (the W5 one, which answers from no upstream, once peaked far above the main one).
const gatewayPeaks = Object.entries(targets)
  .filter(([name]) => TARGETS[name][0] === 'gateway')
  .map(([name, target]) => [name, processPeakRss(target.pid) / MB]);
if (gatewayPeaks.length) {
  result.gatewayPeakRssMb = Math.max(...gatewayPeaks.map(([, peak]) => peak));
  result.extra['Gateway peak RSS by process'] = gatewayPeaks
    .map(([name, peak]) => `${name} ${peak.toFixed(0)} MB`)
    .join(' · ');
  // Which measurement needed it: each case's (and each fixed-rate run's) own peak, highest first.
  const byCase = [
    ...Object.entries(result.cases)
      .filter(([, c]) => c.summary && TARGETS[c.target]?.[0] === 'gateway')
      .map(([name, c]) => [name, c.summary.peakRssMb]),
    ...[
      ['W2 at 80%', result.w2At80],
      ['W5 at 80%', result.w5At80],
      ...(result.w6?.tried ?? []).map((t) => [`W6 at ${t.share}×`, t]),
    ]
      .filter(([, run]) => run?.peakRssMb !== undefined)
      .map(([name, run]) => [name, run.peakRssMb]),
  ].sort((a, b) => b[1] - a[1]);
  result.extra['Gateway peak RSS by case (highest five)'] = byCase
    .slice(0, 5)
    .map(([name, peak]) => `${name} ${peak.toFixed(0)} MB`)
    .join(' · ');
}
result.targets = evaluateTargets(result);
const written = writeResult(result, `${HERE}results`);
say(`\n${written.markdown}`);
say(`written: ${written.json}, ${written.md}`);

await Promise.all(Object.values(targets).map((t) => t.close()));
await backends.close();
otlpSink.close();
unpinRedis();
redis.disconnect();
