// A gateway asked for more than it can serve: each setting of MAX_IN_FLIGHT_REQUESTS (0 = no bound) on a fresh
// gateway (pinned, the deployment's heap flag), its closed-loop maximum for the workload measured first, then the
// workload paced at shares of that maximum. Per run: what was answered 200 per second and how fast (p50/p99 of
// the 200s alone), how many were shed (503), socket errors and timeouts, and the gateway's peak RSS.
//
//   node bench/overload.mjs [--workload W2|W6|W1] [--shares 0.8,1.5,3 | --rates 2400,5000] [--seconds 15]
//                           [--settings 0,512]
//
// `--rates` paces every gateway at the same rates (requests per second) instead of shares of its own maximum.
//
// Needs `npm run build` and Redis on 127.0.0.1:6379 (database 13 is flushed).
import { parseArgs } from 'node:util';
import { startTestBed } from './lib/test-bed.mjs';
import { runLoad } from './lib/load.mjs';
import { runPaced } from './lib/paced-load.mjs';
import { gatewayNodeArgs, startPeakRss, startTarget } from './lib/processes.mjs';
import { MB } from './lib/report.mjs';

const { values: args } = parseArgs({
  options: {
    workload: { type: 'string', default: 'W2' },
    shares: { type: 'string', default: '0.8,1.5,3' },
    seconds: { type: 'string', default: '15' },
    settings: { type: 'string', default: '0,512' },
    rates: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const bed = await startTestBed(13);
const next = bed.request[args.workload];
if (!next) throw new Error(`unknown workload ${args.workload}`);

console.log(`${args.workload}, ${seconds} s a run, the maximum from a 64-connection closed loop of each gateway`);
for (const setting of args.settings.split(',')) {
  const target = await startTarget(
    'gateway',
    { ...bed.base, env: { MAX_IN_FLIGHT_REQUESTS: setting } },
    { nodeArgs: gatewayNodeArgs() },
  );
  await runLoad({ target, next, seconds: 5, connections: 64 });
  const max = await runLoad({ target, next, seconds: 10, connections: 64 });
  console.log(`MAX_IN_FLIGHT_REQUESTS=${setting}: closed-loop maximum ${max.rps.toFixed(0)} rps`);
  const rates = args.rates
    ? args.rates.split(',').map((rate) => [`${rate}/s`, Number(rate)])
    : args.shares.split(',').map((share) => [`${share}×`, Math.round(Number(share) * max.rps)]);
  for (const [label, rate] of rates) {
    startPeakRss(target.pid);
    const run = await runPaced({ target, next, seconds, rate });
    const ok = run.latencyByStatus['200'];
    const shed = run.statuses['503'] ?? 0;
    const other = Object.entries(run.statuses).filter(([status]) => status !== '200' && status !== '503');
    // Answers still coming after the last request was due count too: the rate is over the whole time it took.
    const elapsed = run.completed / run.rps;
    console.log(
      `  ${label} = ${rate}/s: 200 ${((run.statuses['200'] ?? 0) / elapsed).toFixed(0)}/s over ${elapsed.toFixed(1)} s` +
        (ok ? ` (p50 ${ok.p50} ms, p99 ${ok.p99} ms)` : '') +
        ` · 503 ${shed}${shed ? ` (p99 ${run.latencyByStatus['503'].p99} ms)` : ''}` +
        `${other.length ? ` · other ${other.map(([s, n]) => `${s}×${n}`).join(' ')}` : ''}` +
        ` · errors ${run.errors} · timeouts ${run.timeouts} · peak RSS ${(run.peakRss / MB).toFixed(0)} MB`,
    );
  }
  await target.close();
}
await bed.close();
