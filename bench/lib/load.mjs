// One measured load run with autocannon (no pipelining), in this process on CPU 0. Each request comes from
// `next(i)` so tokens and variables rotate; what each request is expected to answer is tallied as it is sent and
// compared with the status mix autocannon saw (a correctness gate). CPU and RSS of the target come from /proc.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { busyShare, cpuSecondsOf, cpuTimes, memoryOf } from './processes.mjs';
import { runPaced } from './paced-load.mjs';

let sequence = 0;

/**
 * @param {object} o
 * @param {{ port: number, pid: number }} o.target
 * @param {(i: number) => { method?: string, path: string, headers?: object, body?: string, expect: number }} o.next
 * @param {number} o.seconds   measured duration
 * @param {number} [o.connections]
 * @param {number} [o.rate]    requests per second (fixed-rate mode, for tails: paced-load.mjs)
 */
export async function runLoad({ target, next, seconds, connections = 32, rate }) {
  // Fixed rates are paced by our own open-loop client: autocannon's rate mode sends each second's quota in a burst.
  if (rate) return runPaced({ target, next, seconds, rate, connections: Math.max(connections, 64) });
  const expected = {};
  const cpuBefore = cpuSecondsOf(target.pid);
  const startedAt = performance.now();
  const loadCoreBefore = cpuTimes(0);
  const used = connections;
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: used,
    duration: seconds,
    pipelining: 1,
    requests: [
      {
        setupRequest: (request) => {
          // One sequence across every run of the process, so a warm-up never repeats the measured run's requests.
          const { expect, headers, ...rest } = next(sequence++);
          expected[expect] = (expected[expect] ?? 0) + 1;
          return {
            ...request,
            method: 'GET',
            body: undefined,
            ...rest,
            headers: { ...request.headers, ...(rest.body ? { 'content-type': 'application/json' } : {}), ...headers },
          };
        },
      },
    ],
  });
  const cpuSeconds = cpuSecondsOf(target.pid) - cpuBefore;
  // autocannon's run can outlast `duration` (it rounds to its own ticks): rates use the time it really took.
  const elapsed = (performance.now() - startedAt) / 1000;
  const loadCoreBusy = busyShare(loadCoreBefore, cpuTimes(0));
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([s, { count }]) => [s, count]));
  const completed = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    connections: used,
    rps: completed / elapsed,
    rpsPerCore: cpuSeconds > 0 ? completed / cpuSeconds : 0,
    cpuShare: cpuSeconds / elapsed,
    completed,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    statuses,
    expected,
    errors: result.errors,
    timeouts: result.timeouts,
    loadCoreBusy,
    ...memoryOf(target.pid),
  };
}

/**
 * The status gate: every answer had the status expected for it. Requests set up but not answered when the run
 * stopped (at most two per connection: one in flight, one built next) may fall short of their tally.
 */
export function statusGate(run) {
  const slack = 2 * run.connections;
  const problems = [];
  if (run.errors > 0 || run.timeouts > 0) problems.push(`${run.errors} errors, ${run.timeouts} timeouts`);
  for (const [status, count] of Object.entries(run.statuses)) {
    const want = run.expected[status] ?? 0;
    if (count > want || want - count > slack) problems.push(`status ${status}: ${count} answers, ${want} expected`);
  }
  for (const [status, want] of Object.entries(run.expected)) {
    if (!(status in run.statuses) && want > slack) problems.push(`status ${status}: none of ${want} expected`);
  }
  return problems;
}

/**
 * Low-load latency (c = 1): one keep-alive connection, one request at a time, timed with the high-resolution
 * clock — autocannon's histogram counts whole milliseconds, too coarse for sub-millisecond targets.
 */
export async function runSequential({ target, next, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  const statuses = {};
  const expected = {};
  const until = performance.now() + seconds * 1000;
  const cpuBefore = cpuSecondsOf(target.pid);
  while (performance.now() < until) {
    const { expect, method = 'GET', path, headers, body } = next(sequence++);
    expected[expect] = (expected[expect] ?? 0) + 1;
    const started = performance.now();
    const status = await new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          method,
          path,
          agent,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    latencies.push(performance.now() - started);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const cpuSeconds = cpuSecondsOf(target.pid) - cpuBefore;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    connections: 1,
    rps: latencies.length / seconds,
    rpsPerCore: cpuSeconds > 0 ? latencies.length / cpuSeconds : 0,
    cpuShare: cpuSeconds / seconds,
    completed: latencies.length,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: latencies[latencies.length - 1] },
    statuses,
    expected,
    errors: 0,
    timeouts: 0,
    loadCoreBusy: undefined,
    ...memoryOf(target.pid),
  };
}
