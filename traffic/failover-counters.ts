import { isRedisReady, withDeadline, type RedisClient } from '../cache/redis-client';
import type { Logger } from '../core/logger';
import type { HitOptions, HitResult, WindowCounters } from './window-counters';

export interface FailoverCounters extends WindowCounters {
  /** True while hits are counted in-process because Redis cannot take them. */
  degraded(): boolean;
}

export interface FailoverCountersOptions {
  /** A hit Redis has not answered by then is counted in-process, in ms. @default 250 */
  deadlineMs?: number;
  /** After a failed hit, how long hits stay in-process before Redis is tried again, in ms. @default 1000 */
  retryAfterMs?: number;
}

/**
 * Redis counters with the in-process twin behind them: while Redis is down (or a hit fails or misses its
 * deadline) every hit goes to the twin, so requests are still served and still limited (per replica instead of
 * shared), and Redis is tried again a moment later (at once when it reconnects). No hit ever fails, nor waits
 * longer than the deadline, because of Redis: a Cluster primary being replaced would otherwise hold hits on its
 * slots for the seconds the failover takes.
 */
export function createFailoverCounters(
  redis: RedisClient,
  primary: WindowCounters,
  fallback: WindowCounters,
  logger: Logger,
  options: FailoverCountersOptions = {},
): FailoverCounters {
  const deadlineMs = options.deadlineMs ?? 250;
  const retryAfterMs = options.retryAfterMs ?? 1000;
  let failing = false;
  let bypassUntil = 0;
  const fail = (err: unknown) => {
    if (!failing) logger.warn({ err }, 'rate-limit counters fell back to in-process counting');
    failing = true;
    bypassUntil = Date.now() + retryAfterMs;
  };
  const recover = () => {
    if (failing) logger.info('rate-limit counters back on redis');
    failing = false;
    bypassUntil = 0;
  };

  // Back on Redis as soon as it answers again, even before the next hit (for /readyz).
  redis.on('ready', recover);

  return {
    async hit(key: string, options: HitOptions): Promise<HitResult> {
      if (!isRedisReady(redis)) {
        fail(new Error(`redis is ${redis.status}`));
        return fallback.hit(key, options);
      }
      if (Date.now() < bypassUntil) return fallback.hit(key, options);
      try {
        const result = await withDeadline(Promise.resolve(primary.hit(key, options)), deadlineMs);
        recover();
        return result;
      } catch (err) {
        fail(err);
        return fallback.hit(key, options);
      }
    },
    degraded: () => failing || !isRedisReady(redis),
    async close() {
      redis.off('ready', recover);
      await primary.close();
      await fallback.close();
    },
  };
}
