import {
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  type GraphQLArgument,
  type GraphQLDirective,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { UUID_PATTERNS, type IdKind } from '../core/account-ids';

/** The arguments of `@constraint` (schema/base/constraint.graphql). */
export interface Constraint {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  format?: ConstraintFormat;
  minItems?: number;
  maxItems?: number;
  maxJsonLength?: number;
}

const ID_FORMATS = {
  LEGACY_ID_ADMIN: 'admin',
  LEGACY_ID_STUDENT: 'student',
  LEGACY_ID_TEACHER: 'teacher',
  LEGACY_ID_PARENT: 'parent',
  LEGACY_ID_CLUB: 'club',
  LEGACY_ID_RECRUITMENT: 'recruitment',
  LEGACY_ID_OUTING: 'outing',
  LEGACY_ID_CONFIRM: 'confirm',
  LEGACY_ID_ANNOUNCEMENT: 'announcement',
  LEGACY_ID_SCHEDULE: 'schedule',
} as const satisfies Record<string, IdKind>;

export type ConstraintFormat = 'HANGUL_NAME' | 'PHONE_010' | 'LEGACY_ID_ACCOUNT' | keyof typeof ID_FORMATS;

/** The rule names a violation reports: a format's own name, or the argument of `@constraint` that failed. */
export type ConstraintRule =
  | 'MIN_LENGTH'
  | 'MAX_LENGTH'
  | 'MIN'
  | 'MAX'
  | 'PATTERN'
  | 'MIN_ITEMS'
  | 'MAX_ITEMS'
  | 'MAX_JSON_LENGTH'
  | ConstraintFormat;

/** One violated rule of one value; `path` is the argument name, then input fields and list indexes. */
export interface ConstraintViolation {
  path: string;
  rule: ConstraintRule;
  message: string;
}

// The legacy `korean` rule checked every rune with unicode.Is(unicode.Hangul, r); names were 2–4 runes.
const HANGUL_NAME = /^\p{Script=Hangul}{2,4}$/u;
// The legacy `phone_number` rule (`^010\d{8}`) together with `len=11`.
const PHONE_010 = /^010\d{8}$/;
const ACCOUNT_KINDS: readonly IdKind[] = ['admin', 'student', 'teacher', 'parent'];

/** Lengths are counted in code points, as Go's validator counted runes. */
const lengthOf = (text: string): number => [...text].length;

function checkFormat(format: ConstraintFormat, text: string, path: string): ConstraintViolation | undefined {
  switch (format) {
    case 'HANGUL_NAME':
      return HANGUL_NAME.test(text)
        ? undefined
        : { path, rule: format, message: `${path} must be 2 to 4 Hangul characters` };
    case 'PHONE_010':
      return PHONE_010.test(text)
        ? undefined
        : { path, rule: format, message: `${path} must be 010 followed by 8 digits` };
    case 'LEGACY_ID_ACCOUNT':
      return ACCOUNT_KINDS.some((kind) => UUID_PATTERNS[kind].test(text))
        ? undefined
        : { path, rule: format, message: `${path} must be an account id such as teacher-000000000001` };
    default: {
      const kind = ID_FORMATS[format];
      const example = `${kind}-${'0'.repeat(kind === 'schedule' ? 12 : 11)}1`;
      return UUID_PATTERNS[kind].test(text)
        ? undefined
        : { path, rule: format, message: `${path} must be a ${kind} id such as ${example}` };
    }
  }
}

/** Every rule of `constraint` that one non-list value breaks. */
export function checkScalar(constraint: Constraint, value: unknown, path: string): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  if (typeof value === 'string') {
    const length = lengthOf(value);
    if (constraint.minLength !== undefined && length < constraint.minLength) {
      const message =
        constraint.minLength === 1
          ? `${path} must not be empty`
          : `${path} must be at least ${constraint.minLength} characters`;
      violations.push({ path, rule: 'MIN_LENGTH', message });
    }
    if (constraint.maxLength !== undefined && length > constraint.maxLength) {
      const message = `${path} must be at most ${constraint.maxLength} characters`;
      violations.push({ path, rule: 'MAX_LENGTH', message });
    }
    if (constraint.pattern !== undefined && !new RegExp(constraint.pattern, 'u').test(value)) {
      violations.push({ path, rule: 'PATTERN', message: `${path} must match ${constraint.pattern}` });
    }
    if (constraint.format !== undefined) {
      const violation = checkFormat(constraint.format, value, path);
      if (violation) violations.push(violation);
    }
  }
  if (typeof value === 'number') {
    if (constraint.min !== undefined && value < constraint.min) {
      violations.push({ path, rule: 'MIN', message: `${path} must be at least ${constraint.min}` });
    }
    if (constraint.max !== undefined && value > constraint.max) {
      violations.push({ path, rule: 'MAX', message: `${path} must be at most ${constraint.max}` });
    }
  }
  if (constraint.maxJsonLength !== undefined && value !== null && typeof value === 'object') {
    if (lengthOf(JSON.stringify(value)) > constraint.maxJsonLength) {
      const message = `${path} must be at most ${constraint.maxJsonLength} characters as JSON`;
      violations.push({ path, rule: 'MAX_JSON_LENGTH', message });
    }
  }
  return violations;
}

/** Item counts apply to the list; every other rule to each element. */
export function checkValue(constraint: Constraint, value: unknown, path: string): ConstraintViolation[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return checkScalar(constraint, value, path);
  const violations: ConstraintViolation[] = [];
  if (constraint.minItems !== undefined && value.length < constraint.minItems) {
    const message = `${path} must have at least ${constraint.minItems} element${constraint.minItems === 1 ? '' : 's'}`;
    violations.push({ path, rule: 'MIN_ITEMS', message });
  }
  if (constraint.maxItems !== undefined && value.length > constraint.maxItems) {
    violations.push({ path, rule: 'MAX_ITEMS', message: `${path} must have at most ${constraint.maxItems} elements` });
  }
  value.forEach((item, index) => violations.push(...checkValue(constraint, item, `${path}[${index}]`)));
  return violations;
}

/**
 * The transformer: reads every `@constraint` of the schema once, at start-up, into a checker for coerced argument
 * values. Input types without a constrained field anywhere below them are skipped, so most arguments cost nothing.
 */
export interface ConstraintChecker {
  /** Whether any argument of the field, or any input field below it, carries a constraint. */
  hasConstraints(args: readonly GraphQLArgument[]): boolean;
  /** Every violation in one field's coerced arguments. */
  checkArguments(args: readonly GraphQLArgument[], values: Record<string, unknown>): ConstraintViolation[];
}

export function createConstraintChecker(schema: GraphQLSchema): ConstraintChecker {
  const directive = schema.getDirective('constraint');
  if (!directive) throw new Error('the schema does not declare @constraint (schema/base/constraint.graphql)');
  const ownConstraint = new WeakMap<GraphQLArgument | GraphQLInputField, Constraint | null>();
  const deepConstraints = new Map<string, boolean>();

  const constraintOf = (definition: GraphQLArgument | GraphQLInputField): Constraint | undefined => {
    let cached = ownConstraint.get(definition);
    if (cached === undefined) {
      cached = readConstraint(directive, definition);
      ownConstraint.set(definition, cached);
    }
    return cached ?? undefined;
  };

  // Whether an input type has a constraint anywhere below it (memoised; recursive input types terminate).
  const typeIsConstrained = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return false;
    const known = deepConstraints.get(named.name);
    if (known !== undefined) return known;
    deepConstraints.set(named.name, false);
    const result = Object.values(named.getFields()).some(
      (field) => constraintOf(field) !== undefined || typeIsConstrained(field.type),
    );
    deepConstraints.set(named.name, result);
    return result;
  };

  const checkInput = (type: GraphQLInputType, value: unknown, path: string): ConstraintViolation[] => {
    if (value === null || value === undefined) return [];
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (!Array.isArray(value)) return checkInput(nullable.ofType, value, path);
      return value.flatMap((item, index) => checkInput(nullable.ofType, item, `${path}[${index}]`));
    }
    if (!isInputObjectType(nullable) || !typeIsConstrained(nullable)) return [];
    const object = value as Record<string, unknown>;
    return Object.values(nullable.getFields()).flatMap((field) => checkDefinition(field, object[field.name], path));
  };

  const checkDefinition = (
    definition: GraphQLArgument | GraphQLInputField,
    value: unknown,
    parentPath: string,
  ): ConstraintViolation[] => {
    const path = parentPath ? `${parentPath}.${definition.name}` : definition.name;
    const constraint = constraintOf(definition);
    return [...(constraint ? checkValue(constraint, value, path) : []), ...checkInput(definition.type, value, path)];
  };

  return {
    hasConstraints: (args) => args.some((arg) => constraintOf(arg) !== undefined || typeIsConstrained(arg.type)),
    checkArguments: (args, values) => args.flatMap((arg) => checkDefinition(arg, values[arg.name], '')),
  };
}

function readConstraint(directive: GraphQLDirective, definition: GraphQLArgument | GraphQLInputField) {
  if (!definition.astNode) return null;
  const values = getDirectiveValues(directive, definition.astNode);
  return values ? (values as Constraint) : null;
}
