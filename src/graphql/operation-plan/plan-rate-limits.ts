import { getArgumentValues } from 'graphql/execution/values';
import { GraphQLError } from 'graphql';
import { RateLimitedError } from '../../../core/errors';
import { fieldBucketKey, type FieldCaller, type FieldRateLimit } from '../../../traffic/field-rate-limits';
import {
  retryAfterSeconds,
  type HitResult,
  type TrafficEvents,
  type WindowCounters,
} from '../../../traffic/window-counters';
import type { SelectedField } from './selected-fields';

/** A selected field with `@rateLimit`s, found once per document. */
export interface LimitedField {
  field: SelectedField;
  limits: readonly FieldRateLimit[];
}

export type PlanRateLimits = readonly LimitedField[];

/** The limited fields of an operation; the coordinate is the type the selection is written on, as the limits are. */
export function planRateLimits(
  fields: readonly SelectedField[],
  limits: ReadonlyMap<string, FieldRateLimit[]>,
): PlanRateLimits {
  const found: LimitedField[] = [];
  for (const field of fields) {
    const fieldLimits = limits.get(`${field.parentType.name}.${field.fieldName}`);
    if (fieldLimits) found.push({ field, limits: fieldLimits });
  }
  return found;
}

export interface RateLimitDeps {
  counters: WindowCounters;
  events?: TrafficEvents;
}

/**
 * Counts the request against every bucket its active limited fields fall in: one hit per bucket, weighted by how
 * many response paths select it (aliases count; a field merged from two fragments does not). Over any limit, the
 * refusals as GraphQL errors (HTTP 429 with `Retry-After`); an empty list lets the operation run.
 */
export async function countRateLimits(
  plan: PlanRateLimits,
  deps: RateLimitDeps,
  active: (field: SelectedField) => boolean,
  variables: Readonly<Record<string, unknown>>,
  caller: Pick<FieldCaller, 'callerUuid' | 'ip'>,
): Promise<GraphQLError[]> {
  const byPath = new Map<string, LimitedField>();
  for (const limited of plan) if (active(limited.field)) byPath.set(limited.field.responsePath.join('.'), limited);
  if (byPath.size === 0) return [];
  const buckets = new Map<string, { limit: FieldRateLimit; field: SelectedField; weight: number }>();
  for (const { field, limits } of byPath.values()) {
    const who: FieldCaller = {
      ...caller,
      args: () => getArgumentValues(field.definition, field.node, variables as Record<string, unknown>),
    };
    for (const limit of limits) {
      const key = fieldBucketKey(limit, who);
      const bucket = buckets.get(key);
      if (bucket) bucket.weight += 1;
      else buckets.set(key, { limit, field, weight: 1 });
    }
  }
  const outcomes = await Promise.all(
    [...buckets].map(async ([key, bucket]) => ({
      bucket,
      result: await deps.counters.hit(key, {
        limit: bucket.limit.max,
        windowMs: bucket.limit.windowMs,
        weight: bucket.weight,
      }),
    })),
  );
  const errors: GraphQLError[] = [];
  for (const { bucket, result } of outcomes) {
    if (result.allowed) continue;
    const { limit, field } = bucket;
    deps.events?.rateLimited?.(`field:${limit.coordinate}`);
    const seconds = retryAfterSeconds((result as Extract<HitResult, { allowed: false }>).retryAfterMs);
    errors.push(
      new GraphQLError(`too many calls of ${limit.coordinate}: at most ${limit.max} per ${limit.window}`, {
        nodes: [field.node],
        path: [...field.responsePath],
        originalError: new RateLimitedError(
          `too many calls of ${limit.coordinate}: at most ${limit.max} per ${limit.window}; retry in ${seconds} s`,
          seconds,
          { details: { field: limit.coordinate } },
        ),
      }),
    );
  }
  return errors;
}
