import { isRedisReady, type RedisClient } from '../cache/redis-client';
import type { Logger } from '../core/logger';
import type { HitOptions, HitResult, WindowCounters } from './window-counters';

export interface FailoverCounters extends WindowCounters {
  /** True while hits are counted in-process because Redis cannot take them. */
  degraded(): boolean;
}

/**
 * Redis counters with the in-process twin behind them: while Redis is down (or a command fails or times out)
 * every hit goes to the twin, so requests are still served and still limited (per replica instead of shared),
 * and the next hit after Redis is back uses Redis again. No hit ever fails because of Redis.
 */
export function createFailoverCounters(
  redis: RedisClient,
  primary: WindowCounters,
  fallback: WindowCounters,
  logger: Logger,
): FailoverCounters {
  let failing = false;
  const fail = (err: unknown) => {
    if (!failing) logger.warn({ err }, 'rate-limit counters fell back to in-process counting');
    failing = true;
  };
  const recover = () => {
    if (failing) logger.info('rate-limit counters back on redis');
    failing = false;
  };

  // Back on Redis as soon as it answers again, even before the next hit (for /readyz).
  redis.on('ready', recover);

  return {
    async hit(key: string, options: HitOptions): Promise<HitResult> {
      if (!isRedisReady(redis)) {
        fail(new Error(`redis is ${redis.status}`));
        return fallback.hit(key, options);
      }
      try {
        const result = await primary.hit(key, options);
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
