// The run's result: a JSON file with every measurement and a Markdown table of rps per core, latency
// percentiles, RSS and each target of benchmark-plan.md with its measured ratio and verdict.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);

/**
 * Bytes in a megabyte as the memory goal (250 MB) and the deployment's limit (`250M`) count it: 10^6. Until
 * 2026-12-07 the harness divided by 2^20 and wrote "MB" (MiB): its 241.5 was 253 MB.
 */
export const MB = 1e6;

export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Coefficient of variation, in percent. */
export const cv = (xs) => {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return (100 * sd) / mean;
};

/** The medians of one case's repetitions. */
export function summarize(runs) {
  const pick = (f) => median(runs.map(f));
  return {
    rps: pick((r) => r.rps),
    rpsPerCore: pick((r) => r.rpsPerCore),
    cvPercent: cv(runs.map((r) => r.rpsPerCore)),
    cpuShare: pick((r) => r.cpuShare),
    p50: pick((r) => r.latency.p50),
    p90: pick((r) => r.latency.p90),
    p99: pick((r) => r.latency.p99),
    max: Math.max(...runs.map((r) => r.latency.max)),
    rssMb: Math.max(...runs.map((r) => r.rss)) / MB,
    peakRssMb: Math.max(...runs.map((r) => r.peakRss)) / MB,
    loadCoreBusy: Math.max(...runs.map((r) => r.loadCoreBusy ?? 0)),
    backendCallsPerRequest: pick((r) => r.backendCallsPerRequest ?? 0),
  };
}

export function environment() {
  const version = (name) => {
    try {
      return require(`${name}/package.json`).version;
    } catch {
      return undefined;
    }
  };
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    commit = undefined;
  }
  return {
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    cpu: cpuModel,
    cpus: os.cpus().length,
    commit,
    libraries: Object.fromEntries(
      [
        'graphql',
        '@apollo/server',
        'graphql-yoga',
        'mercurius',
        'fastify',
        'graphql-jit',
        '@grpc/grpc-js',
        'ioredis',
        '@envelop/response-cache',
        '@envelop/response-cache-redis',
        'autocannon',
      ].map((name) => [name, version(name)]),
    ),
  };
}

const fmt = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

/**
 * A target whose own core was busy less than this share of the run was not saturated: its rps per core is
 * understated (an idle-then-busy server pays more per request), and the report says so.
 */
export const SATURATED = 0.9;

export function markdown(result) {
  const lines = [];
  lines.push(`# Benchmark run ${result.startedAt}`);
  lines.push('');
  lines.push(
    `Command: \`${result.command}\` · mode ${result.mode} (${result.protocol.warmupSeconds} s warm-up, ` +
      `${result.protocol.seconds} s measured, ${result.protocol.reps} repetition(s), ${result.protocol.connections} connections, ${result.protocol.loadTool ?? 'autocannon'}) · ` +
      `gateway node flags: ${result.protocol.gatewayNodeArgs?.join(' ') || 'none'} · ` +
      `${result.pinned ? 'targets pinned to CPU 1, load + backends + Redis on CPU 0' : 'NOT pinned'} · ` +
      `node ${result.environment.node} · ${result.environment.cpu} × ${result.environment.cpus} · commit ${result.environment.commit}`,
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| Target | Measured | Aim | Verdict |');
  lines.push('|---|---|---|---|');
  for (const t of result.targets) {
    lines.push(`| ${t.name} | ${t.measured} | ${t.aim} | ${t.verdict} |`);
  }
  const failed = result.targets.filter((t) => t.verdict === 'FAIL').map((t) => t.name);
  lines.push('');
  lines.push(failed.length ? `**Targets failed:** ${failed.join('; ')}` : '**Every measured target held.**');
  lines.push('');
  lines.push('## Cases');
  lines.push('');
  lines.push(
    '| Case | rps/core | rps | CPU | CV % | p50 ms | p90 ms | p99 ms | max ms | RSS (peak) MB | calls/req | load core | gates |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, c] of Object.entries(result.cases)) {
    const s = c.summary;
    if (!s) {
      lines.push(`| ${name} | skipped: ${c.skipped} |||||||||||`);
      continue;
    }
    lines.push(
      `| ${name} | ${fmt(s.rpsPerCore)} | ${fmt(s.rps)} | ${fmt(100 * s.cpuShare)}% | ${fmt(s.cvPercent, 1)} | ` +
        `${fmt(s.p50, 2)} | ${fmt(s.p90, 2)} | ${fmt(s.p99, 2)} | ${fmt(s.max, 1)} | ${fmt(s.rssMb)} (${fmt(s.peakRssMb)}) | ` +
        `${fmt(s.backendCallsPerRequest, 3)} | ${s.loadCoreBusy > 0.95 ? `**${fmt(100 * s.loadCoreBusy)}% (load-gen bound)**` : `${fmt(100 * s.loadCoreBusy)}%`}${s.cpuShare < SATURATED ? ' · **target not saturated**' : ''} | ` +
        `${c.gateProblems.length ? `FAIL: ${c.gateProblems.join('; ')}` : 'ok'} |`,
    );
  }
  for (const [title, body] of Object.entries(result.extra ?? {})) {
    lines.push('');
    lines.push(`## ${title}`);
    lines.push('');
    lines.push(body);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A run's name in bench/results (`latest-<mode>`): `full` only for the plan's protocol as it is, `quick` for
 * `--quick`, and `custom` for a run with any option that changes what is measured or how (a profiled or shortened
 * run once wrote over the last full run's `latest-full`, the figures the documentation quotes).
 */
export function runMode(args) {
  if (args.quick) return 'quick';
  const changed = ['seconds', 'warmup', 'reps', 'connections', 'only'].some((option) => args[option] !== undefined);
  return changed || args.autocannon || args['cpu-prof'] ? 'custom' : 'full';
}

export function writeResult(result, directory) {
  mkdirSync(directory, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const md = markdown(result);
  for (const name of [`${stamp}-${result.mode}`, `latest-${result.mode}`]) {
    writeFileSync(`${directory}/${name}.json`, json);
    writeFileSync(`${directory}/${name}.md`, md);
  }
  return { json: `${directory}/latest-${result.mode}.json`, md: `${directory}/latest-${result.mode}.md`, markdown: md };
}
