import { getArgumentValues } from 'graphql/execution/values';
import { failToParseVariables } from 'graphql-jit/dist/variables';
import type { DocumentNode, ExecutionResult, GraphQLError } from 'graphql';
import type { ReadRun, ResponseCache } from '../../../cache/response-cache';
import { recordingFor } from '../../../cache/recorded-writes';
import type { WritePort } from '../../../cache/write-port';
import { isOutage } from '../../../core/errors';
import type { ConstraintChecker } from '../../../directives/constraint-directive';
import { invalidInputError } from '../../../directives/invalid-input-error';
import { authorizeOperation } from '../../../permissions/operation-authorization';
import type { GraphQLContext } from '../../context';
import type { OperationPlan, PlanExecution } from './operation-plan';
import { findViolations } from './plan-constraints';
import { countRateLimits, type RateLimitDeps } from './plan-rate-limits';
import { conditionsHold, type SelectedField } from './selected-fields';

/** What running a plan needs besides the plan (built once by the wiring). */
export interface OperationDeps {
  constraints: ConstraintChecker;
  /** `@rateLimit` counters; unset when the directives are switched off. */
  rateLimits?: RateLimitDeps;
  /** The response cache; unset when caching is off. */
  cache?: ResponseCache;
  /**
   * Where every write is reported once it ran and before it is answered: it invalidates what the write made
   * stale and publishes its live update. Unset in tests of execution alone.
   */
  writes?: WritePort;
}

export interface OperationRequest {
  document: DocumentNode;
  variables: Readonly<Record<string, unknown>> | undefined;
  context: GraphQLContext;
}

type Variables = Readonly<Record<string, unknown>>;
const ALL = () => true;
const NO_VARIABLES: Variables = Object.freeze({});

/**
 * One request of a planned operation, top to bottom:
 * 1. its variables, coerced once (when anything below reads them), and the fields `@skip`/`@include` leave in;
 * 2. input constraints: one violation anywhere refuses the operation (400), before anything runs or counts;
 * 3. authorization: a denied field refuses the operation (no data), after validation as in the legacy order, so
 *    ownership look-ups never carry malformed ids; before the limits, so a denial counts for nothing;
 * 4. `@rateLimit`: over a limit nothing runs (429), and a request the cache would answer still counts;
 * 5. the response cache: a fresh entry of this caller (or role) answers; otherwise the plan executes, and a
 *    successful read is stored with its tags, a write awaits what it made stale, and a read its service could
 *    not serve (no instance, breakers open) is answered from its last entry, marked stale.
 */
export async function runOperation(
  plan: OperationPlan,
  request: OperationRequest,
  deps: OperationDeps,
): Promise<ExecutionResult> {
  const { context } = request;
  const raw = request.variables ?? NO_VARIABLES;
  let variables = raw;
  if (plan.readsVariables) {
    const coerced = plan.coerceVariables(raw);
    // Execution reports variables that do not coerce, with the standard errors (400 BAD_USER_INPUT).
    if (failToParseVariables(coerced)) return { errors: coerced.errors };
    variables = coerced.coerced;
  }
  const active = plan.conditional ? (field: SelectedField) => conditionsHold(field.conditions, variables) : ALL;

  if (plan.constraints.length > 0) {
    const violations = findViolations(plan.constraints, deps.constraints, active, variables);
    if (violations.length > 0) return { errors: [invalidInputError(violations)] };
  }

  if (plan.authorization.length > 0) {
    const denials = await authorizeOperation(
      plan.authorization,
      plan.conditional ? active : undefined,
      variables,
      context,
    );
    if (denials.length > 0) return { data: null, errors: denials };
  }

  if (deps.rateLimits && plan.rateLimits.length > 0) {
    const caller = { callerUuid: context.caller?.uuid, ip: context.ip };
    const refused = await countRateLimits(plan.rateLimits, deps.rateLimits, active, variables, caller);
    if (refused.length > 0) return { errors: refused };
  }

  const { cache } = deps;
  if (plan.kind === 'mutation') return (await reportingWrites(plan, request, deps)).result;
  const { scope, sideEffects } = plan.cache;
  if (!cache || plan.kind === 'subscription' || !context.caller || scope === 'NONE') {
    return (sideEffects ? await reportingWrites(plan, request, deps) : await plan.execute(context, raw)).result;
  }
  return cachedRead(plan, request, variables, cache, deps, scope);
}

/** A cacheable read, through the response cache: the caller's (or role's) fresh entry, else the execution. */
async function cachedRead(
  plan: OperationPlan,
  request: OperationRequest,
  variables: Variables,
  cache: ResponseCache,
  deps: OperationDeps,
  scope: 'PUBLIC' | 'PRIVATE',
): Promise<ExecutionResult> {
  const { context, document } = request;
  const answer = await cache.read('graphql', context, {
    request: { graphql: { document, variables: request.variables ?? undefined, fastPath: !plan.cache.rateLimited } },
    scope,
    caller: context.caller!,
    ttlMs: plan.cache.ttlMs,
    run: async (): Promise<ReadRun<ExecutionResult>> => {
      const { result, entityTags } = plan.cache.sideEffects
        ? await reportingWrites(plan, request, deps)
        : await plan.execute(context, request.variables ?? NO_VARIABLES);
      if (result.errors?.some(isOutageError)) {
        return { value: result, outage: result.errors.every(isOutageError) ? 'only' : 'partly' };
      }
      if (result.errors?.length || plan.cache.ttlMs <= 0) return { value: result };
      return {
        value: result,
        entry: {
          // Apollo's own serialization of a successful result, so the fast path can send the bytes as they are.
          body: `${JSON.stringify({ data: result.data })}\n`,
          tags: [...plan.cache.selectionTags, ...entityTags],
          reads: rootReads(plan, variables),
        },
      };
    },
  });
  if (answer.from === 'run') return answer.value;
  if (answer.from === 'cache') return JSON.parse(String(answer.body)) as ExecutionResult;
  const { data } = JSON.parse(String(answer.stale.body)) as ExecutionResult;
  return { data, extensions: { stale: true, staleAgeSeconds: Math.floor(answer.stale.ageMs / 1000) } };
}

/** The operation's root fields with their arguments: the cache adds each one's read tags. */
function rootReads(plan: OperationPlan, variables: Variables): Array<{ field: string; args: Record<string, unknown> }> {
  return plan.cache.rootFields.flatMap((field) => {
    try {
      return [{ field: field.fieldName, args: getArgumentValues(field.definition, field.node, variables as never) }];
    } catch {
      return [];
    }
  });
}

/**
 * Runs a write (or a read with a side effect), then reports every field that wrote, in the order they ran, to the
 * write port (it invalidates what each made stale and publishes its live update) and drops every read showing an
 * entity a mutation's answer names: the next read on any replica sees the write. A field counts once it ran, even
 * if it then failed (an upstream timeout may have committed it); a refused operation ran nothing.
 */
async function reportingWrites(
  plan: OperationPlan,
  request: OperationRequest,
  deps: OperationDeps,
): Promise<PlanExecution> {
  const { context } = request;
  const recorded = recordingFor(context);
  const execution = await plan.execute(context, request.variables ?? NO_VARIABLES);
  for (const write of recorded) await deps.writes?.written(write);
  if (plan.kind === 'mutation' && execution.entityTags.size > 0)
    await deps.cache?.invalidate([...execution.entityTags]);
  return execution;
}

const isOutageError = (error: GraphQLError) => isOutage(error.originalError);
