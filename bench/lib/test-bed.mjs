// The common ground of the smaller bench tools: this process pinned to the load core, a flushed Redis database
// pinned there too, the reference services, the token pools' requests, and the gateway options that point at them
// (`clubDown`: the same with the club service's only instance gone, for W5).
import { createRequire } from 'node:module';
import { startBackends } from './backends.mjs';
import { pinOrchestrator, pinToLoadCore } from './processes.mjs';
import * as w from './workloads.mjs';

const require = createRequire(import.meta.url);
const Redis = require('ioredis');

export async function startTestBed(database) {
  pinOrchestrator();
  const redisUrl = `redis://127.0.0.1:6379/${database}`;
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  const unpinRedis = pinToLoadCore(Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]));
  const backends = await startBackends();
  const base = { addresses: backends.addresses, secret: w.SECRET, redisUrl };
  return {
    backends,
    request: w.requestsFor(w.tokenPools()),
    base,
    // The discard port: nothing listens on it on loopback.
    clubDown: { ...base, addresses: { ...base.addresses, club: '127.0.0.1:9' } },
    async close() {
      await backends.close();
      unpinRedis();
      redis.disconnect();
    },
  };
}
