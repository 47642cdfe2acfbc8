import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { compileVariableParsing, failToParseVariables, type CoercedVariableValues } from 'graphql-jit/dist/variables';
import {
  execute,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { CacheTtls } from '../../../cache/cache-policy';
import { withoutStack } from '../../../core/errors';
import type { ConstraintChecker } from '../../../directives/constraint-directive';
import type { FieldRateLimit } from '../../../traffic/field-rate-limits';
import { planAuthorization, type PlanAuthorization } from '../../../permissions/operation-authorization';
import { planCachePolicy, type PlanCachePolicy } from './plan-cache-policy';
import { planConstraints, type PlanConstraints } from './plan-constraints';
import { planRateLimits, type PlanRateLimits } from './plan-rate-limits';
import { collectEntityTags, withEntityFields } from './result-entities';
import { selectFields, type OperationSelection, type SelectedField } from './selected-fields';

/** What building a plan needs besides the document: read from the schema once, at start-up. */
export interface PlanningContext {
  schema: GraphQLSchema;
  constraints: ConstraintChecker;
  /** Every `@rateLimit` by `Type.field`; empty when the directives are switched off. */
  rateLimits: ReadonlyMap<string, FieldRateLimit[]>;
  ttls: CacheTtls;
  /** Whether results are cached (the execution document then names every entity's type and id). */
  caching: boolean;
  /** Interpret a document until it has run this many times, then compile it (see `OperationPlan.execute`). */
  compileAfter: number;
  /** `inferredTypesOf(schema)`: the types a null or empty field stands for, for entity tags. */
  inferredTypes: ReadonlyMap<string, readonly string[]>;
}

/** An execution's result, and the entity tags it carries when the plan names entities (cached reads, writes). */
export interface PlanExecution {
  result: ExecutionResult;
  entityTags: ReadonlySet<string>;
}

const NO_TAGS: ReadonlySet<string> = new Set();

type Variables = Readonly<Record<string, unknown>>;

/**
 * Everything the gateway decides about one operation of one document, decided once and shared by every request
 * that sends it: its fields (with their `@skip`/`@include` conditions), the rule of each field, its constrained
 * arguments, its `@rateLimit` buckets, its cache policy and its executor. Per request only the variables and
 * the caller are applied (`run-operation.ts`).
 */
export interface OperationPlan {
  kind: 'query' | 'mutation' | 'subscription';
  selection: OperationSelection;
  /** Some field's presence depends on `@skip`/`@include`. */
  conditional: boolean;
  /** Arguments or conditions read variables: they are coerced before anything is decided. */
  readsVariables: boolean;
  authorization: PlanAuthorization<SelectedField>;
  constraints: PlanConstraints;
  rateLimits: PlanRateLimits;
  cache: PlanCachePolicy;
  /** Coerces a request's variables as execution will (graphql-jit's compiled coercion). */
  coerceVariables(raw: Variables): CoercedVariableValues;
  /**
   * Runs the operation. graphql-jit compiles the document into a function once it has run `compileAfter` times;
   * before that, and when graphql-jit cannot compile it, graphql-js interprets it: a document seen once (a
   * one-off query, or a client sending a new one per request) costs less interpreted than compiled.
   */
  execute(context: object, variables: Variables): Promise<PlanExecution>;
}

export function buildOperationPlan(
  planning: PlanningContext,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationPlan {
  const { schema } = planning;
  const kind = operation.operation;
  const selection = selectFields(schema, document, operation);
  const cache = planCachePolicy(kind, selection, planning.ttls);
  // Reads that may be cached and writes that invalidate name every entity they touch (`result-entities.ts`).
  const tagged = planning.caching && ((kind === 'query' && cache.scope !== 'NONE') || kind === 'mutation');
  const executed = tagged ? withEntityFields(schema, document) : document;
  const operationName = operation.name?.value;
  const authorization = planAuthorization(selection.fields);
  const constraints = planConstraints(selection.fields, planning.constraints);
  const rateLimits = planRateLimits(selection.fields, planning.rateLimits);
  const conditional = selection.fields.some((field) => field.conditions.length > 0);
  // Variables are coerced up front (a bad one refused before the rules) whenever a field has `@constraint`ed
  // arguments, also when its written values were decided with the plan: the order of refusals stays the same.
  const constrained = selection.fields.some((field) => planning.constraints.hasConstraints(field.definition.args));
  const readsVariables =
    (operation.variableDefinitions?.length ?? 0) > 0 &&
    (conditional ||
      authorization.some((check) => check.kind === 'arguments') ||
      constrained ||
      rateLimits.length > 0 ||
      cache.rootFields.some((field) => field.node.arguments?.length));
  let coerce: ((raw: Variables) => CoercedVariableValues) | undefined;
  /**
   * graphql-jit's coercion names the wrong variable and no node when a value is refused; graphql-js' words are the
   * ones clients (and Apollo, which answers them 400 BAD_USER_INPUT) know. Only refusals pay for them.
   */
  const standardVariableErrors = (raw: Variables, fallback: { errors: readonly GraphQLError[] }) => {
    const standard = getVariableValues(schema, operation.variableDefinitions ?? [], raw as Record<string, unknown>);
    return { errors: standard.errors ?? fallback.errors };
  };
  let compiled: CompiledQuery | undefined;
  let runs = 0;

  return {
    kind,
    selection,
    conditional,
    readsVariables,
    authorization,
    constraints,
    rateLimits,
    cache,
    coerceVariables(raw) {
      coerce ??= compileVariableParsing(schema, operation.variableDefinitions ?? []);
      const coerced = coerce(raw as Record<string, unknown>);
      return failToParseVariables(coerced) ? standardVariableErrors(raw, coerced) : coerced;
    },
    async execute(context, variables) {
      if (!compiled && ++runs >= planning.compileAfter) {
        const result = compileQuery(schema, executed, operationName, { disablingCapturingStackErrors: true });
        // A document graphql-jit refuses stays interpreted (graphql-js reports whatever it finds wrong).
        if (isCompiledQuery(result)) compiled = result;
        else runs = Number.NEGATIVE_INFINITY;
      }
      const result = await (compiled
        ? compiled.query(undefined, context, variables as Record<string, unknown>)
        : execute({
            schema,
            document: executed,
            operationName,
            contextValue: context,
            variableValues: variables as Record<string, unknown>,
          }));
      if (compiled && result.errors?.length) {
        // graphql-jit coerces the variables itself; its refusals word them its own way.
        if (result.data === undefined) {
          const refused = result as { errors: readonly GraphQLError[] };
          return { result: standardVariableErrors(variables, refused), entityTags: NO_TAGS };
        }
        result.errors = result.errors.map(asGraphQLJsError);
      }
      // The added type and id fields leave the result here, whatever happens to it next.
      const entityTags = tagged ? collectEntityTags(result.data, planning.inferredTypes) : NO_TAGS;
      return { result, entityTags };
    },
  };
}

/**
 * graphql-jit's errors are read-only look-alikes of graphql-js' (no `nodes`, a frozen `message`, not instances of
 * its class, which Apollo's error handling checks for), so every error leaves as graphql-js' own class, with its
 * path, locations and original error.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  // No stack: it would be a copy's, and a failing request must not pay for one it never shows.
  const copy = withoutStack(
    () =>
      new GraphQLError(error.message, {
        path: error.path,
        originalError: error.originalError,
        ...(error.originalError ? {} : { extensions: error.extensions }),
      }),
  );
  if (error.locations) Object.assign(copy, { locations: error.locations });
  return copy;
}
