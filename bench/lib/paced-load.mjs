// Fixed-rate load, open loop: request i is due at start + i / rate, whatever the answers before it did, and its
// latency counts from that due time (coordinated-omission correction: a stalled target or a late generator shows
// as latency, not as fewer requests). Why not autocannon's rate mode: each of its connections sends its quota for
// the second back to back, as fast as the target answers, then waits for the next second (mcollina/autocannon#174:
// "50 requests in 100 ms then 900 ms of nothing"), so "80% load" was a saturating burst for part of every second
// and the tails measured were the burst's queue. Here requests leave in a tick of ≈ 1 ms, each one counted from its
// own due time (so a request waits up to a tick before it leaves, and that wait is in its latency).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { busyShare, cpuSecondsOf, cpuTimes, memoryOf } from './processes.mjs';

let sequence = 1e9; // apart from load.mjs' sequence, so no run repeats another's requests

/**
 * @param {object} o
 * @param {{ port: number, pid: number }} o.target
 * @param {(i: number) => { method?: string, path: string, headers?: object, body?: string, expect: number }} o.next
 * @param {number} o.seconds     how long requests are sent
 * @param {number} o.rate        requests per second
 * @param {number} [o.connections] most sockets open at once (a request finding all busy waits, and that counts)
 */
export async function runPaced({ target, next, seconds, rate, connections = 64 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const latencies = new Float64Array(total);
  const lags = new Float64Array(total);
  const statuses = {};
  const expected = {};
  let completed = 0;
  let errors = 0;
  let timeouts = 0;
  let settled = 0;
  let lastEnd = 0;

  const cpuBefore = cpuSecondsOf(target.pid);
  const loadCoreBefore = cpuTimes(0);
  const start = performance.now() + 5;

  await new Promise((resolveAll) => {
    let sent = 0;
    const finish = () => {
      settled += 1;
      if (settled === total) resolveAll();
    };
    const send = (i, due) => {
      const { expect, method = 'GET', path, headers, body } = next(sequence++);
      expected[expect] = (expected[expect] ?? 0) + 1;
      lags[i] = performance.now() - due;
      const req = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          method,
          path,
          agent,
          timeout: 10_000,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const end = performance.now();
            latencies[completed] = end - due;
            completed += 1;
            lastEnd = end;
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            finish();
          });
        },
      );
      req.on('timeout', () => {
        timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        errors += 1;
        finish();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        send(sent, start + sent * interval);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    setTimeout(tick, 5);
  });

  const cpuSeconds = cpuSecondsOf(target.pid) - cpuBefore;
  const loadCoreBusy = busyShare(loadCoreBefore, cpuTimes(0));
  agent.destroy();
  const elapsed = Math.max(seconds, (lastEnd - start) / 1000);
  const answered = latencies.subarray(0, completed).sort();
  const at = (values, q) =>
    values.length === 0 ? 0 : values[Math.min(values.length - 1, Math.floor(q * values.length))];
  const round = (ms) => Math.round(ms * 100) / 100;
  const lagSorted = lags.sort();
  return {
    connections,
    rps: completed / elapsed,
    rpsPerCore: cpuSeconds > 0 ? completed / cpuSeconds : 0,
    cpuShare: cpuSeconds / elapsed,
    completed,
    latency: {
      p50: round(at(answered, 0.5)),
      p90: round(at(answered, 0.9)),
      p99: round(at(answered, 0.99)),
      max: round(answered[answered.length - 1] ?? 0),
    },
    // How late requests left against their due time: the generator's own share of the latency above.
    sendLag: { p50: round(at(lagSorted, 0.5)), p99: round(at(lagSorted, 0.99)) },
    statuses,
    expected,
    errors,
    timeouts,
    loadCoreBusy,
    ...memoryOf(target.pid),
  };
}
