// The reference services with the bench population, in a child process on the load generator's core, so their
// CPU never counts against the system under test. Call counts come back over IPC for the correctness gates.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { POPULATION } from './workloads.mjs';

const require = createRequire(import.meta.url);

if (process.argv[2] === '--child') {
  const { createLogger } = require('../../dist/core/logger.js');
  const {
    startReferenceServices,
    createDefaultAdapters,
  } = require('../../dist/reference-services/start-reference-services.js');
  const services = await startReferenceServices({
    logger: createLogger({ name: 'bench-services', level: 'silent' }),
    demoData: true,
    population: POPULATION,
    adapters: createDefaultAdapters(),
  });
  process.on('message', (message) => {
    if (message === 'counts') process.send({ counts: services.callCounts() });
  });
  process.on('disconnect', () => services.close(0).then(() => process.exit(0)));
  process.send({ addresses: services.addresses });
}

/** Starts the services; `calls()` is the total of calls received per wire path so far. */
export async function startBackends() {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { addresses } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`bench services exited with ${code}`)));
  });
  return {
    addresses,
    pid: child.pid,
    calls: () =>
      new Promise((resolve) => {
        child.once('message', ({ counts }) => resolve(counts));
        child.send('counts');
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.disconnect();
      }),
  };
}

/** Calls received between two `calls()` snapshots, in total and per wire path. */
export function callsBetween(before, after) {
  const byPath = {};
  let total = 0;
  for (const [path, n] of Object.entries(after)) {
    const delta = n - (before[path] ?? 0);
    if (delta > 0) byPath[path] = delta;
    total += delta;
  }
  return { total, byPath };
}
