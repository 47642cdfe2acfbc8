import { getArgumentValues } from 'graphql/execution/values';
import { Kind, type ValueNode } from 'graphql';
import type { ConstraintChecker } from '../../../directives/constraint-directive';
import type { FieldViolation } from '../../../directives/invalid-input-error';
import type { SelectedField } from './selected-fields';

/**
 * The selected fields whose `@constraint`ed arguments (anywhere in their input types) must be checked per request,
 * found once per document: those whose arguments use variables, and those whose written values break a rule.
 * A field whose arguments are all written in the document (or defaults) and pass is decided here, once.
 */
export type PlanConstraints = readonly SelectedField[];

export function planConstraints(fields: readonly SelectedField[], checker: ConstraintChecker): PlanConstraints {
  return fields.filter(
    (field) => checker.hasConstraints(field.definition.args) && !(isWritten(field) && passes(field, checker)),
  );
}

/** No variable anywhere in the field's arguments: its values are the same for every request. */
function isWritten(field: SelectedField): boolean {
  const constant = (value: ValueNode): boolean =>
    value.kind === Kind.VARIABLE
      ? false
      : value.kind === Kind.LIST
        ? value.values.every(constant)
        : value.kind === Kind.OBJECT
          ? value.fields.every((f) => constant(f.value))
          : true;
  return (field.node.arguments ?? []).every((argument) => constant(argument.value));
}

function passes(field: SelectedField, checker: ConstraintChecker): boolean {
  try {
    return (
      checker.checkArguments(field.definition.args, getArgumentValues(field.definition, field.node, {})).length === 0
    );
  } catch {
    return false; // left to each request (execution reports what does not coerce)
  }
}

/**
 * Every violated rule of the request's active constrained fields, with their coerced arguments (defaults
 * applied). A field whose arguments do not coerce is left to execution to report (with the same BAD_USER_INPUT).
 */
export function findViolations(
  plan: PlanConstraints,
  checker: ConstraintChecker,
  active: (field: SelectedField) => boolean,
  variables: Readonly<Record<string, unknown>>,
): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const field of plan) {
    if (!active(field)) continue;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field.definition, field.node, variables as Record<string, unknown>);
    } catch {
      continue;
    }
    for (const violation of checker.checkArguments(field.definition.args, values)) {
      violations.push({ field: field.responsePath.join('.'), ...violation });
    }
  }
  return violations;
}
