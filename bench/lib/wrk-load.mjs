// One measured load run with wrk (C, Debian's `wrk` package) for the cheap cases and their baselines: autocannon
// (JavaScript, on one load core) tops out below what a hello world or a bytes cache answers, so those targets sat
// idle part of the time and their rps per core was understated (the per-request cost of a half-idle server is
// higher). wrk saturates them from the same core. Requests rotate through the same `next(i)` list as autocannon's;
// a Lua script tallies what each request expects and what came back, for the same status gate.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { busyShare, cpuSecondsOf, cpuTimes, memoryOf } from './processes.mjs';

let available;
/** Whether wrk is installed (`apt-get install wrk`). */
export function wrkAvailable() {
  if (available === undefined) {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      available = true;
    } catch (error) {
      // wrk --version exits 1 after printing its usage.
      available = error.status === 1;
    }
  }
  return available;
}

const lua = (value) => JSON.stringify(value ?? '');

/** The Lua script: `count` requests built from `next`, rotated per thread, each with its expected status. */
function script(next, count, offset) {
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    const { method = 'GET', path, headers = {}, body, expect } = next(offset + i);
    const all = { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) };
    const headerTable = Object.entries(all)
      .map(([k, v]) => `[${lua(k)}]=${lua(v)}`)
      .join(',');
    entries.push(
      `{m=${lua(method)},p=${lua(path)},h={${headerTable}},b=${body === undefined ? 'nil' : lua(body)},e=${expect}}`,
    );
  }
  return `
local list = {${entries.join(',\n')}}
local built = {}
local n = 0
expected = {}
statuses = {}
function init(args)
  for k, r in ipairs(list) do built[k] = wrk.format(r.m, r.p, r.h, r.b) end
end
function request()
  n = n % #built + 1
  local e = list[n].e
  expected[e] = (expected[e] or 0) + 1
  return built[n]
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local e, s = {}, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("expected")) do e[k] = (e[k] or 0) + v end
    for k, v in pairs(t:get("statuses")) do s[k] = (s[k] or 0) + v end
  end
  local function obj(t)
    local parts = {}
    for k, v in pairs(t) do table.insert(parts, '"' .. k .. '":' .. v) end
    return '{' .. table.concat(parts, ',') .. '}'
  end
  io.write('WRK_RESULT {"expected":' .. obj(e) .. ',"statuses":' .. obj(s) ..
    ',"errors":' .. (summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status) ..
    ',"timeouts":' .. summary.errors.timeout ..
    ',"p50":' .. latency:percentile(50) .. ',"p90":' .. latency:percentile(90) ..
    ',"p99":' .. latency:percentile(99) .. ',"max":' .. latency.max .. '}\\n')
end
`;
}

let offset = 0;

/**
 * Same contract as `runLoad` (autocannon): `next(i)` makes the i-th request with its expected status. wrk sends
 * `connections` connections from one thread; non-2xx answers are counted as wrk's `status` errors, so they are
 * left out of `errors` here (the status gate compares them with what was expected).
 */
export async function runWrk({ target, next, seconds, connections = 64 }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const file = join(dir, 'requests.lua');
  const pool = 500;
  writeFileSync(file, script(next, pool, offset));
  offset += pool;
  const cpuBefore = cpuSecondsOf(target.pid);
  const loadCoreBefore = cpuTimes(0);
  const startedAt = performance.now();
  const stdout = await new Promise((resolve, reject) =>
    execFile(
      'wrk',
      ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', file, `http://127.0.0.1:${target.port}`],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, out) => (error ? reject(error) : resolve(out)),
    ),
  );
  const elapsed = (performance.now() - startedAt) / 1000;
  const cpuSeconds = cpuSecondsOf(target.pid) - cpuBefore;
  const loadCoreBusy = busyShare(loadCoreBefore, cpuTimes(0));
  rmSync(dir, { recursive: true, force: true });
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const r = JSON.parse(line.slice('WRK_RESULT '.length));
  const completed = Object.values(r.statuses).reduce((a, b) => a + b, 0);
  const nonSuccess = Object.entries(r.statuses)
    .filter(([status]) => Number(status) >= 400)
    .reduce((a, [, count]) => a + count, 0);
  return {
    tool: 'wrk',
    connections,
    rps: completed / elapsed,
    rpsPerCore: cpuSeconds > 0 ? completed / cpuSeconds : 0,
    cpuShare: cpuSeconds / elapsed,
    completed,
    latency: { p50: r.p50 / 1000, p90: r.p90 / 1000, p99: r.p99 / 1000, max: r.max / 1000 },
    statuses: r.statuses,
    expected: r.expected,
    // wrk counts every 4xx/5xx answer as a "status" error; those are judged against what was expected instead.
    errors: Math.max(0, r.errors - nonSuccess),
    timeouts: r.timeouts,
    loadCoreBusy,
    ...memoryOf(target.pid),
  };
}
