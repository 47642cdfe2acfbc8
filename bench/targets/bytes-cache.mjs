// B2: the ideal bytes cache — raw node:http → sha1(authorization + body) → Map or Redis GET → the stored bytes.
// No token check, no GraphQL: the floor any cache hit can reach. A miss stores `answerBytes` bytes (the size of
// the W1 answer), so the warm-up fills it. BENCH_OPTIONS: { store: 'memory' | 'redis', redisUrl, answerBytes }.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);

await serve(async ({ store, redisUrl, answerBytes = 2400 }) => {
  const answer = Buffer.alloc(answerBytes, 'x');
  const memory = new Map();
  const redis = store === 'redis' ? new (require('ioredis'))(redisUrl) : undefined;
  const get = redis ? (key) => redis.getBuffer(key) : async (key) => memory.get(key);
  const set = redis ? (key, bytes) => redis.set(key, bytes, 'EX', 3600) : async (key, bytes) => memory.set(key, bytes);
  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const key = `b2:${createHash('sha1')
        .update(req.headers.authorization ?? '')
        .update(Buffer.concat(chunks))
        .digest('hex')}`;
      let bytes = await get(key);
      if (!bytes) await set(key, (bytes = answer));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      res.end(bytes);
    });
  };
  return serveLocal(listener, () => redis?.disconnect());
});
