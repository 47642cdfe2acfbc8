import { createHash } from 'node:crypto';
import type { Plugin } from '@envelop/core';
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { RateLimitedError } from '../core/errors';
import type { GraphQLContext } from '../src/context';
import { retryAfterSeconds, type HitResult, type TrafficEvents, type WindowCounters } from './window-counters';

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

/** One limited field as the operation selects it: where it is, and its arguments. */
interface Selected {
  node: FieldNode;
  path: string[];
  args: () => Record<string, unknown>;
}

/** The limited fields an operation would execute, one entry per response path (aliases count; merged spreads don't). */
function selectedLimitedFields(
  schema: GraphQLSchema,
  limits: Map<string, FieldRateLimit[]>,
  root: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
): Map<string, { selected: Selected; limits: FieldRateLimit[] }> {
  const found = new Map<string, { selected: Selected; limits: FieldRateLimit[] }>();
  const walk = (type: GraphQLNamedType, set: SelectionSetNode, path: string[], seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on) walk(on, selection.selectionSet, path, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && on && !seen.has(name)) walk(on, fragment.selectionSet, path, new Set(seen).add(name));
      } else {
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue; // __typename and the like
        const responsePath = [...path, selection.alias?.value ?? selection.name.value];
        const fieldLimits = limits.get(`${type.name}.${field.name}`);
        if (fieldLimits) {
          const node = selection;
          found.set(responsePath.join('.'), {
            selected: { node, path: responsePath, args: () => getArgumentValues(field, node, variables) },
            limits: fieldLimits,
          });
        }
        if (selection.selectionSet) walk(getNamedType(field.type), selection.selectionSet, responsePath, seen);
      }
    }
  };
  walk(root, selectionSet, [], new Set());
  return found;
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

/** What the plugin needs besides the schema (handed over by the wiring). */
export interface FieldRateLimitDeps {
  counters: WindowCounters;
  events?: TrafficEvents;
}

export interface FieldRateLimitsOptions extends FieldRateLimitDeps {
  schema: GraphQLSchema;
}

/**
 * `@rateLimit` enforcement, checked before execution for the whole operation (like `@envelop/rate-limiter` 10,
 * whose store this replaces: its RedisStore is GET-then-SET and under-counts across replicas, and its bucket
 * key lacks the type name; libraries.md §2.2–2.3). Every alias of a limited field counts, so one request
 * cannot try a hundred codes. Over the limit → the operation does not run (no service is called) and
 * answers RATE_LIMITED with HTTP 429 and `Retry-After`. Operations without limited fields cost one walk of
 * their selection set and no I/O.
 */
export function useFieldRateLimits(options: FieldRateLimitsOptions): Plugin<GraphQLContext> {
  const limits = readFieldRateLimits(options.schema);
  const { counters, events = {} } = options;
  if (limits.size === 0) return {};
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const root = operation && args.schema.getRootType(operation.operation);
      if (!operation || !root) return;
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of args.document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      const found = selectedLimitedFields(
        args.schema,
        limits,
        root,
        operation.selectionSet,
        fragments,
        args.variableValues ?? undefined,
      );
      if (found.size === 0) return;

      // One hit per bucket, weighted by how many times the operation selects it.
      const buckets = new Map<string, { limit: FieldRateLimit; selected: Selected; weight: number }>();
      const context = args.contextValue as GraphQLContext;
      for (const { selected, limits: fieldLimits } of found.values()) {
        for (const limit of fieldLimits) {
          const key = fieldBucketKey(limit, { callerUuid: context.caller?.uuid, ip: context.ip, args: selected.args });
          const bucket = buckets.get(key);
          if (bucket) bucket.weight += 1;
          else buckets.set(key, { limit, selected, weight: 1 });
        }
      }
      const checks = [...buckets].map(async ([key, bucket]) => ({
        bucket,
        result: await counters.hit(key, {
          limit: bucket.limit.max,
          windowMs: bucket.limit.windowMs,
          weight: bucket.weight,
        }),
      }));
      return Promise.all(checks).then((outcomes) => {
        const refused = outcomes.filter(
          (o): o is { bucket: typeof o.bucket; result: Extract<HitResult, { allowed: false }> } => !o.result.allowed,
        );
        if (refused.length === 0) return;
        for (const { bucket } of refused) events.rateLimited?.(`field:${bucket.limit.coordinate}`);
        const errors = refused.map(({ bucket: { limit, selected }, result }) => {
          const seconds = retryAfterSeconds(result.retryAfterMs);
          return new GraphQLError(`too many calls of ${limit.coordinate}: at most ${limit.max} per ${limit.window}`, {
            nodes: [selected.node],
            path: selected.path,
            originalError: new RateLimitedError(
              `too many calls of ${limit.coordinate}: at most ${limit.max} per ${limit.window}; retry in ${seconds} s`,
              seconds,
              { details: { field: limit.coordinate } },
            ),
          });
        });
        setResultAndStopExecution({ errors });
      });
    },
  };
}
