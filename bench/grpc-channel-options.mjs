// Client CPU per unary grpc-js call for each candidate set of channel options (issue #17 item 4): a closed loop of
// `inFlight` calls against the reference auth service in a child process, interleaved repetitions, medians.
//
//   npm run build && node bench/grpc-channel-options.mjs [seconds=5] [reps=3]
//
// Run it on a quiet machine: the loop is pinned to CPU 1 and the service to CPU 0 when `taskset` exists.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readTeacherOnce } from './lib/teacher-read.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const { CHANNEL_OPTIONS } = require('../dist/grpc-clients/channel-pool.js');

const SERVER = `
const { startReferenceServices } = require(${JSON.stringify(fileURLToPath(new URL('../dist/reference-services/start-reference-services.js', import.meta.url)))});
const { createLogger } = require(${JSON.stringify(fileURLToPath(new URL('../dist/core/logger.js', import.meta.url)))});
startReferenceServices({ logger: createLogger({ name: 'bench', level: 'silent' }), demoData: true }).then((s) => console.log(s.addresses.auth));
`;

const seconds = Number(process.argv[2] ?? 5);
const reps = Number(process.argv[3] ?? 3);
const inFlight = 32;
const base = { 'grpc.keepalive_time_ms': 60_000, 'grpc.max_receive_message_length': 16 * 1024 * 1024 };
const SETS = {
  'defaults (before)': base,
  'channelz off': { ...base, 'grpc.enable_channelz': 0 },
  'transparent retries off': { ...base, 'grpc.enable_retries': 0 },
  'the gateway’s (both off)': CHANNEL_OPTIONS,
};

const pin = (pid, cpu) => {
  try {
    execFileSync('taskset', ['-pc', String(cpu), String(pid)], { stdio: 'ignore' });
  } catch {
    // no taskset: unpinned
  }
};
pin(process.pid, 1);
const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
pin(server.pid, 0);
const address = await new Promise((resolve) => server.stdout.once('data', (chunk) => resolve(String(chunk).trim())));

async function loop(client, ms) {
  const once = () => readTeacherOnce(client);
  const until = Date.now() + ms;
  let calls = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < until) if (await once()) calls += 1;
    }),
  );
  return calls;
}

const results = Object.fromEntries(Object.keys(SETS).map((name) => [name, []]));
for (let rep = 0; rep < reps; rep += 1) {
  for (const [name, options] of Object.entries(SETS)) {
    const client = new grpc.Client(address, grpc.credentials.createInsecure(), options);
    await loop(client, 1000);
    const cpu = process.cpuUsage();
    const calls = await loop(client, seconds * 1000);
    const used = process.cpuUsage(cpu);
    results[name].push((used.user + used.system) / calls);
    client.close();
  }
}
server.kill();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const before = median(results['defaults (before)']);
for (const [name, values] of Object.entries(results)) {
  const m = median(values);
  console.log(
    `${name.padEnd(26)} ${m.toFixed(0).padStart(5)} µs client CPU per call (${values.map((v) => v.toFixed(0)).join(' / ')}), ${((m / before) * 100).toFixed(0)}% of the defaults`,
  );
}
process.exit(0);
