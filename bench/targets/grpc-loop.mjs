// B4: direct grpc-js, closed loop — `inFlight` unary calls outstanding at all times for `seconds`, from this one
// process (pinned to CPU 1 like every target). Reports calls/s and client CPU µs per call over IPC when asked.
import { createRequire } from 'node:module';
import { readTeacherOnce } from '../lib/teacher-read.mjs';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
// The gateway's own channel options, so the floor compares like with like.
const { CHANNEL_OPTIONS } = require('../../dist/grpc-clients/channel-pool.js');

await serve(async ({ addresses }) => {
  const client = new grpc.Client(addresses.auth, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const once = () => readTeacherOnce(client);
  process.on('message', async ({ seconds, inFlight }) => {
    const until = Date.now() + seconds * 1000;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let calls = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (Date.now() < until) {
          if (await once()) calls += 1;
          else errors += 1;
        }
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    process.send({ calls, errors, seconds: elapsed, clientCpuMicros: used.user + used.system });
  });
  return { port: 0, close: async () => client.close() };
});
