import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../cache/redis-client';
import { defineRedisScript } from '../cache/redis-script';
import type { HitResult, WindowCounters } from './window-counters';

/**
 * A sliding-window log in a sorted set, checked and updated in one Lua script, so concurrent hits from every
 * gateway replica are counted exactly (the limiter's stock RedisStore does GET then SET and under-counts:
 * libraries.md §2.3). Time comes from Redis' own clock, so replicas with skewed clocks share one window. The
 * key expires with its window, so idle callers cost no memory. One key per counter, so on a Redis Cluster the
 * counters spread over the primaries by themselves.
 */
const SLIDING_WINDOW_HIT = defineRedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local weight = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count + weight > limit then
  local retry = window
  local freeing = count + weight - limit - 1
  if freeing < count then
    local oldest = redis.call('ZRANGE', KEYS[1], freeing, freeing, 'WITHSCORES')
    retry = tonumber(oldest[2]) + window - now
  end
  return {0, count, math.ceil(retry)}
end
for i = 1, weight do
  redis.call('ZADD', KEYS[1], now, ARGV[4] .. i)
end
redis.call('PEXPIRE', KEYS[1], window)
return {1, count + weight, 0}
`);

type HitReply = [number, number, number];

export interface RedisCountersOptions {
  /** Namespace of every key. @default "traffic:count:" */
  prefix?: string;
}

export function createRedisCounters(redis: RedisClient, options: RedisCountersOptions = {}): WindowCounters {
  const prefix = options.prefix ?? 'traffic:count:';
  // Members must be unique per hit; a process tag plus a sequence number is, without a random call per hit.
  const tag = randomBytes(6).toString('hex');
  let sequence = 0;

  return {
    async hit(key, { limit, windowMs, weight = 1 }): Promise<HitResult> {
      sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
      const [allowed, count, retryAfterMs] = (await SLIDING_WINDOW_HIT.run(
        redis,
        [prefix + key],
        [limit, windowMs, weight, `${tag}:${sequence}:`],
      )) as HitReply;
      return allowed === 1
        ? { allowed: true, count }
        : { allowed: false, count, retryAfterMs: Math.max(1, retryAfterMs) };
    },
    // The client belongs to whoever created it.
    async close() {},
  };
}
