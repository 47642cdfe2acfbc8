import { getArgumentValues } from 'graphql/execution/values';
import { GraphQLError, type FieldNode, type GraphQLField } from 'graphql';
import type { Caller } from '../core/access-tokens';
import { withoutStack, type GatewayError } from '../core/errors';
import { createRuleMemo, decideRule, fieldCheckOf, type RuleMemo } from './authorize-field';
import type { RuleContext, RuleDefinition, Verdict } from './rule-definitions';

/** What authorization needs of a field an operation selects (the operation plan's `SelectedField` has it). */
export interface AuthorizedField {
  fieldName: string;
  /** The response key (alias or name) of this field and of every field above it, from the root. */
  responsePath: readonly string[];
  /** The object types the parent can be at run time, each with its own definition of the field (and rule). */
  objectTypes: ReadonlyArray<{ type: { name: string }; definition: GraphQLField<unknown, unknown> }>;
  node: FieldNode;
  /** The chain of parent types from the root. */
  parentTypeNames: readonly string[];
}

/** One rule to decide for one selected field on one object type it can be read on. */
interface PlannedCheck<F extends AuthorizedField> {
  field: F;
  /** The field as the object type defines it (its arguments are the ones the rule sees). */
  definition: GraphQLField<unknown, unknown>;
}

interface CallerCheck<F extends AuthorizedField> extends PlannedCheck<F> {
  kind: 'caller';
  verdictFor(caller: Caller | undefined): Verdict;
  /**
   * The GraphQL error of each denial this check has given, made once: verdicts are memoised per role, so every
   * refused request of a role gets the same denial, and Apollo only reads the error (it formats a copy). Making
   * a GraphQLError (its `defineProperties`) was the largest single cost of answering a denied request.
   */
  errors: WeakMap<GatewayError, GraphQLError>;
}

interface ArgumentCheck<F extends AuthorizedField> extends PlannedCheck<F> {
  kind: 'arguments';
  rule: RuleDefinition;
}

/**
 * The rules of an operation, sorted once, in the order the operation selects its fields (denials are reported in
 * that order): caller-only rules (roles; account fields inside a login reply) are decided once per role for every
 * request sending the document; argument rules keep their one look-up per request; parent rules are left to the
 * field's resolver. Allowed fields cost nothing.
 */
export type PlanAuthorization<F extends AuthorizedField = AuthorizedField> = ReadonlyArray<
  CallerCheck<F> | ArgumentCheck<F>
>;

export function planAuthorization<F extends AuthorizedField>(fields: readonly F[]): PlanAuthorization<F> {
  const checks: Array<CallerCheck<F> | ArgumentCheck<F>> = [];
  for (const field of fields) {
    const inLoginReply = field.parentTypeNames[field.parentTypeNames.length - 1] === 'LoginResult';
    for (const { type, definition } of field.objectTypes) {
      const check = fieldCheckOf(type.name, field.fieldName, inLoginReply);
      if (check.kind === 'caller')
        checks.push({ kind: 'caller', field, definition, verdictFor: check.verdictFor, errors: new WeakMap() });
      else if (check.kind === 'arguments')
        checks.push({ kind: 'arguments', field, definition, rule: check.definition });
    }
  }
  return checks;
}

/** A denial as a GraphQL error at the field's path; no stack (a refusal is never logged with one). */
function denialError(check: PlannedCheck<AuthorizedField>, denial: GatewayError): GraphQLError {
  return withoutStack(
    () => new GraphQLError(denial.message, { path: [...check.field.responsePath], originalError: denial }),
  );
}

function callerDenialError(check: CallerCheck<AuthorizedField>, denial: GatewayError): GraphQLError {
  let error = check.errors.get(denial);
  if (error === undefined) check.errors.set(denial, (error = denialError(check, denial)));
  return error;
}

/**
 * Every denial of the request's active fields (every field, without `active`: an operation with no
 * `@skip`/`@include`), as GraphQL errors at their paths; an empty list lets the operation run. Arguments are
 * coerced as resolvers would see them; a field whose arguments do not coerce is left to execution to report.
 * One memo of rule look-ups for the request (made on its first look-up), unless one is given.
 */
export async function authorizeOperation<F extends AuthorizedField>(
  plan: PlanAuthorization<F>,
  active: ((field: F) => boolean) | undefined,
  variables: Readonly<Record<string, unknown>>,
  context: RuleContext,
  memo?: RuleMemo,
): Promise<GraphQLError[]> {
  const outcomes: Array<GraphQLError | undefined | Promise<GraphQLError | undefined>> = [];
  for (const check of plan) {
    if (active && !active(check.field)) continue;
    if (check.kind === 'caller') {
      const verdict = check.verdictFor(context.caller);
      if (verdict !== true) outcomes.push(callerDenialError(check, verdict));
      continue;
    }
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(check.definition, check.field.node, variables as Record<string, unknown>);
    } catch {
      continue;
    }
    outcomes.push(
      decideRule(check.rule, { args, context }, (memo ??= createRuleMemo())).then((verdict) =>
        verdict === true ? undefined : denialError(check, verdict),
      ),
    );
  }
  const denials: GraphQLError[] = [];
  for (const outcome of await Promise.all(outcomes)) if (outcome) denials.push(outcome);
  return denials;
}
