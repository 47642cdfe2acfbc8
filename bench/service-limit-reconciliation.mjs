// How far several replicas together go over a per-service limit (traffic/reconciled-counters.ts): each replica
// admits in process and learns the others' hits every sync interval. N counters, each on its own Redis
// connection, are offered a steady load on one key for a few seconds; reported is the most admitted in any
// sliding second, against the limit.
//
//   npm run build && node bench/service-limit-reconciliation.mjs [seconds]
// Needs Redis on 127.0.0.1:6379 (database 12 is flushed).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Redis = require('ioredis');
const { createReconciledCounters } = require('../dist/traffic/reconciled-counters.js');
const { createLogger } = require('../dist/core/logger.js');

const seconds = Number(process.argv[2] ?? 5);
const logger = createLogger({ name: 'bench', level: 'silent' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function scenario({ replicas, limit, offered, syncIntervalMs }) {
  const clients = Array.from({ length: replicas }, () => new Redis('redis://127.0.0.1:6379/12'));
  await clients[0].flushdb();
  const counters = clients.map((c) => createReconciledCounters(c, logger, { syncIntervalMs }));
  const key = `k${Math.random()}`;
  const admitted = [];
  // `offered` hits per second in all, spread evenly over the replicas in 5 ms ticks.
  const perTick = offered / 200;
  let owed = 0;
  const end = Date.now() + seconds * 1000;
  let turn = 0;
  while (Date.now() < end) {
    owed += perTick;
    for (; owed >= 1; owed -= 1) {
      turn = (turn + 1) % replicas;
      if (counters[turn].hit(key, { limit, windowMs: 1000 }).allowed) admitted.push(Date.now());
    }
    await sleep(5);
  }
  // After the first second, when every replica starts blind.
  const from = admitted[0] + 1000;
  const settled = admitted.filter((t) => t >= from);
  let most = 0;
  for (let i = 0, j = 0; i < settled.length; i += 1) {
    while (settled[i] - settled[j] >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  const perSecond = settled.length / ((end - from) / 1000);
  for (const c of counters) await c.close();
  for (const c of clients) c.disconnect();
  return { most, perSecond };
}

console.log(
  '| replicas | limit/s | offered/s (all replicas) | sync | most in any second | mean per second | most over the limit |',
);
console.log('|---|---|---|---|---|---|---|');
for (const [replicas, limit, offered, syncIntervalMs] of [
  [1, 30, 100, 100],
  [2, 30, 100, 100],
  [3, 30, 100, 100],
  [2, 30, 1000, 100],
  [3, 100, 1000, 100],
  [4, 100, 1000, 100],
  [4, 100, 1000, 25],
]) {
  const { most, perSecond } = await scenario({ replicas, limit, offered, syncIntervalMs });
  console.log(
    `| ${replicas} | ${limit} | ${offered} | ${syncIntervalMs} ms | ${most} | ${perSecond.toFixed(1)} | ${(
      (100 * (most - limit)) /
      limit
    ).toFixed(0)}% |`,
  );
}
