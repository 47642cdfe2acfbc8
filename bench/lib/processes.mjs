// Process placement and accounting (benchmark-plan.md §1 "Layout"): the orchestrator, load generator, backends
// and Redis on CPU 0; each system under test alone on CPU 1. CPU time and RSS come from /proc, so every target is
// measured the same way whatever it is written in.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const TARGETS = fileURLToPath(new URL('../targets/', import.meta.url));
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

let pinning;
/** Pins this process (and so the backends it forks) to CPU 0; false when taskset or a second CPU is missing. */
export function pinOrchestrator() {
  if (pinning !== undefined) return pinning;
  try {
    // Counted before pinning: nproc (and availableParallelism) answer 1 once this process is on CPU 0 alone.
    if (os.cpus().length < 2) return (pinning = false);
    execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
    pinning = true;
  } catch {
    pinning = false;
  }
  return pinning;
}

/** Pins every thread of an existing process (Redis) to CPU 0 and returns how to undo it. */
export function pinToLoadCore(pid) {
  if (!pinOrchestrator() || !pid) return () => {};
  try {
    const before = execFileSync('taskset', ['-p', String(pid)])
      .toString()
      .trim()
      .split(/:\s*/)
      .pop();
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
    return () => execFileSync('taskset', ['-a', '-p', before, String(pid)], { stdio: 'ignore' });
  } catch {
    return () => {};
  }
}

/** User + system CPU seconds a process has used so far. */
export function cpuSecondsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident and peak resident set size in bytes. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

const processPeaks = new Map();
/**
 * Starts a new peak for the process, so the next `memoryOf` reports the peak of what ran since (one case, not
 * every case before it on the same target): the peak so far is kept for `processPeakRss`, then Linux's own is
 * reset (`clear_refs` 5). Where that is not allowed the peaks stay cumulative, as before.
 */
export function startPeakRss(pid) {
  processPeaks.set(pid, processPeakRss(pid));
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not our process to reset: its peaks stay cumulative
  }
}

/** The highest RSS of the process over its whole life, in bytes, across `startPeakRss` resets. */
export const processPeakRss = (pid) => Math.max(processPeaks.get(pid) ?? 0, memoryOf(pid).peakRss);

/** Busy and total jiffies of one CPU, to tell whether the load generator's core was saturated. */
export function cpuTimes(cpu) {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${cpu} `));
  if (!line) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

export const busyShare = (before, after) =>
  before && after ? (after.busy - before.busy) / Math.max(1, after.total - before.total) : undefined;

/**
 * The gateway's V8 flags as its deployment runs it (deploy/kubernetes/base/gateway-deployment.yaml sets
 * NODE_OPTIONS=--max-old-space-size=160 under a 250M memory limit). BENCH_GATEWAY_NODE_OPTIONS overrides them
 * ("" for V8's defaults, which size the heap from the machine's memory).
 */
export function gatewayNodeArgs() {
  return (process.env.BENCH_GATEWAY_NODE_OPTIONS ?? '--max-old-space-size=160').split(/\s+/).filter(Boolean);
}

/**
 * Starts bench/targets/<name>.mjs, then pins it alone to CPU 1 (when pinning works) with `options` in BENCH_OPTIONS and waits for
 * the port it reports. `nodeArgs` are extra flags for node (--cpu-prof).
 */
export function startTarget(name, options, { nodeArgs = [], env = {} } = {}) {
  // Started on any CPU (a dozen targets loading their modules at once would queue on CPU 1 alone), then every
  // thread of the process is moved to CPU 1 once it listens, before anything is measured.
  const [command, ...args] = [process.execPath, ...nodeArgs, `${TARGETS}${name}.mjs`];
  const child = spawn(command, args, {
    // Stdout is /dev/null: the gateway writes its log lines there as it would to a container's stdout.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', ...env, BENCH_OPTIONS: JSON.stringify(options) },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench target ${name} exited with ${code} before listening`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      if (pinOrchestrator()) execFileSync('taskset', ['-a', '-p', '-c', '1', String(child.pid)], { stdio: 'ignore' });
      resolve({
        name,
        pid: child.pid,
        port: message.port,
        message,
        send: (m) => child.send(m),
        next: () => new Promise((done) => child.once('message', done)),
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', done);
            child.disconnect();
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    });
  });
}
