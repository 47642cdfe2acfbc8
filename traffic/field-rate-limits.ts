import { createHash } from 'node:crypto';
import { getArgumentValues, isInterfaceType, isObjectType, type DirectiveNode, type GraphQLSchema } from 'graphql';
import type { TrafficEvents, WindowCounters } from './window-counters';

export type RateLimitIdentity = 'CALLER' | 'IP' | 'ARGUMENT';

/** One `@rateLimit` on one field, as read from the schema. */
export interface FieldRateLimit {
  /** `Type.field`: part of every bucket key, so `Query.x` and `Mutation.x` never share a bucket. */
  coordinate: string;
  max: number;
  /** As written (`10m`), for the key and the message. */
  window: string;
  windowMs: number;
  identity: RateLimitIdentity;
  argument: string | undefined;
}

const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `500ms`, `10s`, `5m`, `1h` → milliseconds; undefined for anything else. */
export function parseWindow(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : undefined;
}

/**
 * Every `@rateLimit` in the schema by field coordinate. A malformed directive (bad window, ARGUMENT without an
 * existing argument) throws at start-up rather than silently not limiting a brute-force target.
 */
export function readFieldRateLimits(schema: GraphQLSchema, directiveName = 'rateLimit'): Map<string, FieldRateLimit[]> {
  const directive = schema.getDirective(directiveName);
  const limits = new Map<string, FieldRateLimit[]>();
  if (!directive) return limits;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const nodes = (field.astNode?.directives ?? []).filter((d: DirectiveNode) => d.name.value === directiveName);
      for (const node of nodes) {
        const coordinate = `${type.name}.${field.name}`;
        const args = getArgumentValues(directive, node) as {
          max: number;
          window: string;
          identity: RateLimitIdentity;
          argument?: string | null;
        };
        const windowMs = parseWindow(args.window);
        if (windowMs === undefined) throw new Error(`@${directiveName} on ${coordinate}: bad window "${args.window}"`);
        if (args.max < 1) throw new Error(`@${directiveName} on ${coordinate}: max must be at least 1`);
        const argument = args.argument ?? undefined;
        if (args.identity === 'ARGUMENT' && !field.args.some((a) => a.name === argument)) {
          throw new Error(`@${directiveName} on ${coordinate}: identity ARGUMENT needs one of the field's arguments`);
        }
        const limit = { coordinate, max: args.max, window: args.window, windowMs, identity: args.identity, argument };
        limits.set(coordinate, [...(limits.get(coordinate) ?? []), limit]);
      }
    }
  }
  return limits;
}

/** Long or odd argument values become a digest, so a key stays short whatever a client sends. */
function keyPart(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.length <= 64 && /^[\w.@:-]*$/.test(text) ? text : createHash('sha1').update(text).digest('hex');
}

/** Who one call of a limited field counts against, whichever front door it came through. */
export interface FieldCaller {
  /** The signed-in caller's uuid; undefined for an anonymous call. */
  callerUuid: string | undefined;
  ip: string;
  /** The field's arguments, GraphQL-shaped (read only for `identity: ARGUMENT`). */
  args: () => Record<string, unknown>;
}

function identityOf(limit: FieldRateLimit, who: FieldCaller): string {
  switch (limit.identity) {
    case 'CALLER':
      return who.callerUuid ? `user:${who.callerUuid}` : `ip:${who.ip}`;
    case 'IP':
      return `ip:${who.ip}`;
    case 'ARGUMENT':
      return `arg:${limit.argument}=${keyPart(who.args()[limit.argument as string])}`;
  }
}

/**
 * The counter key of one `@rateLimit` for one call. The legacy REST routes use it too (`rest/rest-field-limits.ts`),
 * so a GraphQL field and the REST route that does its job share one budget.
 */
export function fieldBucketKey(limit: FieldRateLimit, who: FieldCaller): string {
  return `field:${limit.coordinate}:${limit.window}:${identityOf(limit, who)}`;
}

/** The counters the `@rateLimit` buckets are counted in (Redis when configured), and who hears of refusals. */
export interface FieldRateLimitDeps {
  counters: WindowCounters;
  events?: TrafficEvents;
}
