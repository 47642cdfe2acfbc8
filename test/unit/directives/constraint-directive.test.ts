import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getOperationAST, getVariableValues, parse } from 'graphql';
import {
  checkValue,
  createConstraintChecker,
  type Constraint,
  type ConstraintRule,
} from '../../../directives/constraint-directive';
import { invalidInputError } from '../../../directives/invalid-input-error';
import { findViolations, planConstraints } from '../../../src/graphql/operation-plan/plan-constraints';
import { conditionsHold, selectFields } from '../../../src/graphql/operation-plan/selected-fields';

const CONSTRAINT_SDL = readFileSync(join(__dirname, '../../../schema/base/constraint.graphql'), 'utf8');

describe('@constraint rules', () => {
  it.each<[string, Constraint, unknown, ConstraintRule[]]>([
    ['too short', { minLength: 4, maxLength: 16 }, 'abc', ['MIN_LENGTH']],
    ['shortest allowed', { minLength: 4, maxLength: 16 }, 'abcd', []],
    ['longest allowed', { minLength: 4, maxLength: 16 }, 'a'.repeat(16), []],
    ['too long', { minLength: 4, maxLength: 16 }, 'a'.repeat(17), ['MAX_LENGTH']],
    ['characters, not UTF-16 units', { maxLength: 2 }, '😀😀', []],
    ['empty when required', { minLength: 1 }, '', ['MIN_LENGTH']],
    ['below min', { min: 1, max: 3 }, 0, ['MIN']],
    ['at min', { min: 1, max: 3 }, 1, []],
    ['at max', { min: 1, max: 3 }, 3, []],
    ['above max', { min: 1, max: 3 }, 4, ['MAX']],
    ['pattern miss', { pattern: '^[a-z]+$' }, 'abc1', ['PATTERN']],
    ['pattern hit', { pattern: '^[a-z]+$' }, 'abc', []],
    ['Hangul name', { format: 'HANGUL_NAME' }, '김철수', []],
    ['Latin name', { format: 'HANGUL_NAME' }, 'Kim', ['HANGUL_NAME']],
    ['one-character name', { format: 'HANGUL_NAME' }, '김', ['HANGUL_NAME']],
    ['five-character name', { format: 'HANGUL_NAME' }, '김철수영희', ['HANGUL_NAME']],
    ['mixed name', { format: 'HANGUL_NAME' }, '김a', ['HANGUL_NAME']],
    ['phone', { format: 'PHONE_010' }, '01012345678', []],
    ['phone with 011', { format: 'PHONE_010' }, '01112345678', ['PHONE_010']],
    ['phone too long', { format: 'PHONE_010' }, '010123456789', ['PHONE_010']],
    ['phone with dashes', { format: 'PHONE_010' }, '010-1234-5678', ['PHONE_010']],
    ['student id', { format: 'LEGACY_ID_STUDENT' }, 'student-000000000001', []],
    [
      'student id with a suffix (anchored at the start, as legacy)',
      { format: 'LEGACY_ID_STUDENT' },
      'student-000000000001x',
      [],
    ],
    ['teacher id as a student id', { format: 'LEGACY_ID_STUDENT' }, 'teacher-000000000001', ['LEGACY_ID_STUDENT']],
    ['short club id', { format: 'LEGACY_ID_CLUB' }, 'club-1', ['LEGACY_ID_CLUB']],
    ['schedule id (13 digits)', { format: 'LEGACY_ID_SCHEDULE' }, 'schedule-0000000000001', []],
    ['schedule id with 12 digits', { format: 'LEGACY_ID_SCHEDULE' }, 'schedule-000000000001', ['LEGACY_ID_SCHEDULE']],
    ['confirm code', { format: 'LEGACY_ID_CONFIRM' }, 'confirm-000000000001', []],
    ['any account id', { format: 'LEGACY_ID_ACCOUNT' }, 'parent-000000000001', []],
    ['a club id as an account id', { format: 'LEGACY_ID_ACCOUNT' }, 'club-000000000001', ['LEGACY_ID_ACCOUNT']],
    ['JSON at the limit', { maxJsonLength: 13 }, { a: 'xxxxx' }, []],
    ['JSON over the limit', { maxJsonLength: 13 }, { a: 'xxxxxx' }, ['MAX_JSON_LENGTH']],
    ['each list element', { min: 1, max: 4 }, [1, 5, 0], ['MAX', 'MIN']],
    ['empty list with minItems', { minItems: 1 }, [], ['MIN_ITEMS']],
    ['list over maxItems', { maxItems: 2 }, [1, 2, 3], ['MAX_ITEMS']],
    ['null is left to the type system', { minLength: 1, format: 'PHONE_010' }, null, []],
  ])('%s', (_case, constraint, value, rules) => {
    expect(checkValue(constraint, value, 'x').map((v) => v.rule)).toEqual(rules);
  });

  it('names list elements by index', () => {
    expect(checkValue({ max: 3 }, [1, 4], 'input.targetGrades')).toEqual([
      { path: 'input.targetGrades[1]', rule: 'MAX', message: 'input.targetGrades[1] must be at most 3' },
    ]);
  });
});

describe("an operation plan's constraint check", () => {
  const schema = buildSchema(`
    ${CONSTRAINT_SDL}
    input ChildInput { name: String! @constraint(format: HANGUL_NAME) grade: Int! @constraint(min: 1, max: 3) }
    input ParentInput {
      loginId: String! @constraint(minLength: 4, maxLength: 16)
      children: [ChildInput!]! @constraint(minItems: 1)
    }
    input Plain { text: String }
    type Parent { id: ID! children(first: Int @constraint(min: 0)): [Parent!]! }
    type Query {
      parent(id: ID! @constraint(format: LEGACY_ID_PARENT)): Parent
      plain(input: Plain): Int
    }
    type Mutation { createParent(input: ParentInput!): Parent }
  `);
  const checker = createConstraintChecker(schema);
  /** The plan's constraint check, as a request runs it: variables coerced first (refused ones never get here). */
  const run = (query: string, variables: Record<string, unknown> = {}, operationName?: string) => {
    const document = parse(query);
    const operation = getOperationAST(document, operationName)!;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return [];
    const fields = selectFields(schema, document, operation).fields;
    return findViolations(
      planConstraints(fields, checker),
      checker,
      (f) => conditionsHold(f.conditions, coerced.coerced!),
      coerced.coerced!,
    );
  };

  it('lists every violation of an input object, nested lists included, with the field it belongs to', () => {
    const violations = run('mutation($in: ParentInput!) { created: createParent(input: $in) { id } }', {
      in: {
        loginId: 'ab',
        children: [
          { name: '김철수', grade: 1 },
          { name: 'Kim', grade: 9 },
        ],
      },
    });
    expect(violations).toEqual([
      expect.objectContaining({ field: 'created', path: 'input.loginId', rule: 'MIN_LENGTH' }),
      expect.objectContaining({ field: 'created', path: 'input.children[1].name', rule: 'HANGUL_NAME' }),
      expect.objectContaining({ field: 'created', path: 'input.children[1].grade', rule: 'MAX' }),
    ]);
  });

  it('checks literals, aliases, nested fields and fragments', () => {
    const violations = run(`
      query { a: parent(id: "club-000000000001") { ...Kids } b: parent(id: "parent-000000000001") { id } }
      fragment Kids on Parent { children(first: -1) { id } }
    `);
    expect(violations.map(({ field, path, rule }) => ({ field, path, rule }))).toEqual([
      { field: 'a', path: 'id', rule: 'LEGACY_ID_PARENT' },
      { field: 'a.children', path: 'first', rule: 'MIN' },
    ]);
  });

  it('checks only the operation that runs', () => {
    const query = 'query Good { parent(id: "parent-000000000001") { id } } query Bad { parent(id: "x") { id } }';
    expect(run(query, {}, 'Good')).toEqual([]);
    expect(run(query, {}, 'Bad')).toHaveLength(1);
  });

  it('finds nothing in valid input, unconstrained input or variables that do not coerce (execute reports those)', () => {
    expect(
      run('mutation($in: ParentInput!) { createParent(input: $in) { id } }', {
        in: { loginId: 'abcd', children: [{ name: '김철수', grade: 3 }] },
      }),
    ).toEqual([]);
    expect(run('{ plain(input: { text: "" }) }')).toEqual([]);
    expect(run('query($id: ID!) { parent(id: $id) { id } }', {})).toEqual([]);
  });

  it('leaves out fields @skip/@include leave out (the walker before the plan checked them anyway)', () => {
    const query =
      'query($s: Boolean!) { a: parent(id: "x") @skip(if: $s) { id } b: parent(id: "y") @include(if: $s) { id } }';
    expect(run(query, { s: true }).map((v) => v.field)).toEqual(['b']);
    expect(run(query, { s: false }).map((v) => v.field)).toEqual(['a']);
  });

  it('makes one BAD_USER_INPUT error with the legacy validation code and every field', () => {
    const error = invalidInputError([
      { field: 'f', path: 'a', rule: 'MIN', message: 'a must be at least 1' },
      { field: 'f', path: 'b', rule: 'PHONE_010', message: 'b must be 010 followed by 8 digits' },
    ]);
    expect(error.message).toBe('Invalid input: a must be at least 1; b must be 010 followed by 8 digits.');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      legacyCode: -203,
      fields: [
        { field: 'f', path: 'a', rule: 'MIN', message: 'a must be at least 1' },
        { field: 'f', path: 'b', rule: 'PHONE_010', message: 'b must be 010 followed by 8 digits' },
      ],
      http: { status: 400 },
    });
  });
});
