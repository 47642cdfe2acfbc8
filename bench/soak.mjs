// The soak (issue #10 item 5, issue #11 item 4): the W6 mix (80% cached reads, 15% fan-out, 4% REST, 1% rejected)
// held at 80% of the gateway's measured maximum for `--minutes`, in back-to-back windows; records rps, p50/p99,
// answers with an unexpected status, errors, and the gateway's RSS per window. RSS drift compares the last
// window with the first one after the first minute (warm-up: JIT, caches and pools fill). Target: drift < 5%,
// peak RSS ≤ 250 MB.
//
//   npm run bench:soak [-- --minutes 10 --window 30]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { callsBetween, startBackends } from './lib/backends.mjs';
import { runLoad, statusGate } from './lib/load.mjs';
import { gatewayNodeArgs, memoryOf, pinOrchestrator, pinToLoadCore, startTarget } from './lib/processes.mjs';
import { environment, MB } from './lib/report.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import * as w from './lib/workloads.mjs';

const require = createRequire(import.meta.url);
const Redis = require('ioredis');
const HERE = fileURLToPath(new URL('.', import.meta.url));
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    window: { type: 'string', default: '30' },
    share: { type: 'string', default: '0.8' },
  },
});
const minutes = Number(args.minutes);
const windowSeconds = Number(args.window);
const share = Number(args.share);
const REDIS_URL = 'redis://127.0.0.1:6379/12';

const pinned = pinOrchestrator();
const redis = new Redis(REDIS_URL);
await redis.flushdb();
const unpinRedis = pinToLoadCore(Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]));
const backends = await startBackends();
const gateway = await startTarget(
  'gateway',
  { addresses: backends.addresses, secret: w.SECRET, redisUrl: REDIS_URL },
  { nodeArgs: gatewayNodeArgs() },
);
// The W6 mix of bench/run.mjs.
const mix = w.requestsFor(w.tokenPools()).W6;
const say = (text) => process.stdout.write(`${text}\n`);

// The maximum: the mix closed-loop (32 connections) after a warm-up.
await runLoad({ target: gateway, next: mix, seconds: 10 });
const max = await runLoad({ target: gateway, next: mix, seconds: 15 });
const rate = Math.round(share * max.rps);
say(`maximum ${max.rps.toFixed(0)} rps (p99 ${max.latency.p99} ms); holding ${rate}/s (${share}×) for ${minutes} min`);

const windows = [];
const startRss = memoryOf(gateway.pid).rss;
const until = Date.now() + minutes * 60_000;
while (Date.now() < until) {
  const seconds = Math.max(1, Math.min(windowSeconds, Math.round((until - Date.now()) / 1000)));
  const before = await backends.calls();
  const run = await runLoad({ target: gateway, next: mix, seconds, rate });
  const calls = callsBetween(before, await backends.calls()).total;
  const problems = statusGate(run);
  const elapsed = windows.reduce((a, x) => a + x.seconds, 0) + seconds;
  windows.push({
    atSeconds: elapsed,
    seconds,
    rps: run.rps,
    p50: run.latency.p50,
    p99: run.latency.p99,
    max: run.latency.max,
    answers: run.completed,
    statuses: run.statuses,
    errors: run.errors + run.timeouts,
    problems,
    backendCalls: calls,
    rssMb: run.rss / MB,
    peakRssMb: run.peakRss / MB,
  });
  say(
    `${String(elapsed).padStart(4)} s  ${run.rps.toFixed(0)} rps  p50 ${run.latency.p50} ms  p99 ${run.latency.p99} ms  ` +
      `RSS ${(run.rss / MB).toFixed(1)} MB${problems.length ? `  ${problems.join('; ')}` : ''}`,
  );
}

const afterWarmup = windows.find((x) => x.atSeconds >= 60) ?? windows[0];
const last = windows[windows.length - 1];
const sum = (f) => windows.reduce((a, x) => a + f(x), 0);
const result = {
  startedAt: new Date().toISOString(),
  command: `node bench/soak.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  pinned,
  environment: environment(),
  minutes,
  maximumRps: max.rps,
  rate,
  answers: sum((x) => x.answers),
  errors: sum((x) => x.errors),
  unexpectedStatusWindows: windows.filter((x) => x.problems.length).length,
  p99Worst: Math.max(...windows.map((x) => x.p99)),
  p99Median: windows.map((x) => x.p99).sort((a, b) => a - b)[Math.floor(windows.length / 2)],
  startRssMb: startRss / MB,
  rssAfterFirstMinuteMb: afterWarmup.rssMb,
  rssEndMb: last.rssMb,
  rssDriftPercent: (100 * (last.rssMb - afterWarmup.rssMb)) / afterWarmup.rssMb,
  peakRssMb: Math.max(...windows.map((x) => x.peakRssMb)),
  windows,
};
const verdict = (ok) => (ok ? 'pass' : 'FAIL');
const md = [
  `# Soak ${result.startedAt}`,
  '',
  `Command: \`${result.command}\` · ${pinned ? 'gateway pinned to CPU 1' : 'not pinned'} · node ${result.environment.node} · commit ${result.environment.commit}`,
  '',
  `| Figure | Value | Target |`,
  `|---|---|---|`,
  `| Mix maximum (closed loop, 32 connections) | ${max.rps.toFixed(0)} rps | |`,
  `| Held rate | ${rate}/s for ${minutes} min (${result.answers} answers) | ${share}× the maximum |`,
  `| p99 (median window / worst window) | ${result.p99Median} / ${result.p99Worst} ms | |`,
  `| Errors (socket errors + timeouts) | ${result.errors} | 0 — ${verdict(result.errors === 0)} |`,
  `| Windows with an unexpected status | ${result.unexpectedStatusWindows} of ${windows.length} | 0 — ${verdict(result.unexpectedStatusWindows === 0)} |`,
  `| RSS after 1 min → end | ${result.rssAfterFirstMinuteMb.toFixed(1)} → ${result.rssEndMb.toFixed(1)} MB (${result.rssDriftPercent.toFixed(1)}%) | < 5% — ${verdict(Math.abs(result.rssDriftPercent) < 5)} |`,
  `| Peak RSS | ${result.peakRssMb.toFixed(1)} MB | ≤ 250 MB — ${verdict(result.peakRssMb <= 250)} |`,
  '',
].join('\n');
mkdirSync(`${HERE}results`, { recursive: true });
writeFileSync(`${HERE}results/soak-latest.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(`${HERE}results/soak-latest.md`, md);
say(`\n${md}\nwritten: bench/results/soak-latest.{json,md}`);

await gateway.close();
await backends.close();
unpinRedis();
redis.disconnect();
