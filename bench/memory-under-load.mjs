// What a gateway holds in memory after a case's load: resident set (now and at its peak, from /proc) beside V8's own
// figures (heap used, external and ArrayBuffer bytes, from the process itself). A resident set far above the heap is
// memory the heap's limit does not bound: Buffers awaiting a full collection, or C allocator memory kept after
// them. Each build's gateway is started fresh, pinned to CPU 1 with the deployment's heap flag, loaded with wrk from
// CPU 0, then left idle for a few seconds and asked again; builds alternate.
//
//   node bench/memory-under-load.mjs [--cases "W5 breaker open,W1 cached"] [--seconds 30] [--rounds 2]
//                                    [--before bench/results/dist-before]
//
// Needs `npm run build`, wrk, and Redis on 127.0.0.1:6379 (database 13 is flushed).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestBed } from './lib/test-bed.mjs';
import { runWrk } from './lib/wrk-load.mjs';
import { gatewayNodeArgs, memoryOf, startTarget } from './lib/processes.mjs';
import { MB } from './lib/report.mjs';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'W5 breaker open,W1 cached' },
    seconds: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '2' },
    before: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const builds = [...(args.before ? [['before', resolve(args.before)]] : []), ['this build', `${HERE}../dist`]];

/** name → [workload, club service down] */
const CASES = {
  'W5 breaker open': ['W5', true],
  'W1 cached': ['W1', false],
  'W4 forged token': ['W4forged', false],
  'REST cached': ['W3cached', false],
};

const bed = await startTestBed(13);
const { request, base, clubDown } = bed;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => (bytes / MB).toFixed(0);

async function heapOf(target) {
  target.send('memory');
  const { memory } = await target.next();
  return memory;
}

for (let round = 0; round < Number(args.rounds); round += 1) {
  for (const name of args.cases.split(',')) {
    const [workload, withClubDown] = CASES[name];
    for (const [label, dist] of round % 2 ? [...builds].reverse() : builds) {
      const target = await startTarget('gateway', withClubDown ? clubDown : base, {
        nodeArgs: gatewayNodeArgs(),
        env: { BENCH_GATEWAY_DIST: dist },
      });
      await runWrk({ target, next: request[workload], seconds: 3 });
      const run = await runWrk({ target, next: request[workload], seconds });
      const loaded = { ...memoryOf(target.pid), ...(await heapOf(target)) };
      await sleep(5000);
      const idle = { ...memoryOf(target.pid), ...(await heapOf(target)) };
      console.log(
        `${name.padEnd(16)} ${label.padEnd(10)} ${run.rpsPerCore.toFixed(0).padStart(6)} rps/core · loaded: RSS ${mb(loaded.rss)} MB ` +
          `(peak ${mb(loaded.peakRss)}), heap used ${mb(loaded.heapUsed)}, external ${mb(loaded.external)} ` +
          `(ArrayBuffers ${mb(loaded.arrayBuffers)}) · idle 5 s: RSS ${mb(idle.rss)}, external ${mb(idle.external)}`,
      );
      await target.close();
    }
  }
}

await bed.close();
