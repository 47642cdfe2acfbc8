import { RateLimitedError } from '../core/errors';
import { fieldBucketKey, type FieldRateLimit, type FieldRateLimitDeps } from '../traffic/field-rate-limits';
import { retryAfterSeconds } from '../traffic/window-counters';
import type { RestGuard } from './rest-guards';

export interface RestFieldLimitsOptions extends FieldRateLimitDeps {
  /** Every `@rateLimit` of the schema by field coordinate (`readFieldRateLimits`). */
  limits: ReadonlyMap<string, readonly FieldRateLimit[]>;
}

/**
 * The `@rateLimit` budgets of the GraphQL fields on the legacy routes that do their job (logins 5, 9, 18, 19, 24;
 * sign-up codes 15, 16; join SMS 6; confirm codes 53 parent actions and 55; password changes 10, 20, 25;
 * teacher registration 17 — whatever the schema limits). Same counters and the same keys
 * (`fieldBucketKey`), so a client cannot double its budget by mixing REST and GraphQL. Over the limit the
 * request throws RATE_LIMITED (429 with `Retry-After` in the envelope) before the handler: no service is called.
 */
export function createRestFieldLimits(options: RestFieldLimitsOptions): RestGuard {
  const { limits, counters, events = {} } = options;
  return async ({ route, context, ip }) => {
    const field = route.graphql?.field(context);
    const fieldLimits = field && limits.get(field.coordinate);
    if (!field || !fieldLimits?.length) return undefined;
    const who = { callerUuid: context.caller?.uuid, ip, args: () => field.args };
    const outcomes = await Promise.all(
      fieldLimits.map(async (limit) => ({
        limit,
        result: await counters.hit(fieldBucketKey(limit, who), { limit: limit.max, windowMs: limit.windowMs }),
      })),
    );
    const refused = outcomes.flatMap((o) => (o.result.allowed ? [] : [{ limit: o.limit, ms: o.result.retryAfterMs }]));
    if (refused.length === 0) return undefined;
    for (const { limit } of refused) events.rateLimited?.(`field:${limit.coordinate}`);
    // The longest wait of the refused buckets: retrying sooner would be refused again.
    const { limit, ms } = refused.reduce((a, b) => (b.ms > a.ms ? b : a));
    const seconds = retryAfterSeconds(ms);
    throw new RateLimitedError(
      `too many calls of ${limit.coordinate}: at most ${limit.max} per ${limit.window}; retry in ${seconds} s`,
      seconds,
      { details: { field: limit.coordinate } },
    );
  };
}
