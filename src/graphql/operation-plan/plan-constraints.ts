import { getArgumentValues } from 'graphql/execution/values';
import type { ConstraintChecker } from '../../../directives/constraint-directive';
import type { FieldViolation } from '../../../directives/invalid-input-error';
import type { SelectedField } from './selected-fields';

/** The selected fields that take `@constraint`ed arguments (anywhere in their input types), found once per document. */
export type PlanConstraints = readonly SelectedField[];

export function planConstraints(fields: readonly SelectedField[], checker: ConstraintChecker): PlanConstraints {
  return fields.filter((field) => checker.hasConstraints(field.definition.args));
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
