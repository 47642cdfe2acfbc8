import fc from 'fast-check';
import {
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  specifiedRules,
  validate,
  visit,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLError,
} from 'graphql';
import type { Role } from '../../../core/account-ids';
import { createConstraintChecker } from '../../../directives/constraint-directive';
import { createRuleMemo } from '../../../permissions/authorize-field';
import { wrapParentRuleFields } from '../../../permissions/parent-rule-fields';
import type { GraphQLContext } from '../../../src/context';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';
import { authorizeOperation, planAuthorization } from '../../../permissions/operation-authorization';
import { planCachePolicy } from '../../../src/graphql/operation-plan/plan-cache-policy';
import { findViolations, planConstraints } from '../../../src/graphql/operation-plan/plan-constraints';
import { countRateLimits, planRateLimits } from '../../../src/graphql/operation-plan/plan-rate-limits';
import { conditionsHold, selectFields } from '../../../src/graphql/operation-plan/selected-fields';
import { readFieldRateLimits } from '../../../traffic/field-rate-limits';
import type { HitOptions, WindowCounters } from '../../../traffic/window-counters';
import { operationArbitrary, type GeneratedOperation } from '../../helpers/operation-arbitrary';
import { checkOperation } from '../../helpers/walkers-before-plan/check-operation';
import { limitedBuckets } from '../../helpers/walkers-before-plan/field-rate-limits';
import { findViolations as oldFindViolations } from '../../helpers/walkers-before-plan/input-constraints';
import { analyzeOperation } from '../../helpers/walkers-before-plan/operation-analysis';

/**
 * The operation plan against the four walkers it replaced (rules, constraints, `@rateLimit`, cache analysis; kept
 * as oracles in test/helpers/walkers-before-plan/):
 * over generated operations of the schema, with fragments, aliases, variables and `@skip`/`@include`, the plan's
 * verdicts equal theirs. Only the rules' walker honoured `@skip`/`@include`; the others are given the document
 * with the skipped selections taken out, which is what the plan does for every feature. The cache policy is
 * decided over the whole document in both (a document has one scope whatever its variables).
 */
const schema = wrapParentRuleFields(createExecutableSchema());
const checker = createConstraintChecker(schema);
const limits = readFieldRateLimits(schema);
const TTLS = { defaultMs: 60_000, timetableMs: 86_400_000 };

type Who = Role | 'anonymous' | 'leader';
const WHO: readonly Who[] = ['anonymous', 'student', 'leader', 'teacher', 'parent', 'admin'];

/** A context with only what the rules read; look-ups answer from fixed data (the leader leads club 1). */
function contextOf(who: Who): GraphQLContext {
  const role: Role | undefined = who === 'anonymous' ? undefined : who === 'leader' ? 'student' : who;
  const uuid = who === 'leader' ? 'student-000000000001' : `${role}-000000000009`;
  return {
    caller: role ? { role, uuid } : undefined,
    clients: {
      club: {
        student: { getClubUuidWithLeaderUuid: async () => ({ ClubUUID: who === 'leader' ? 'club-000000000001' : '' }) },
      },
      outing: { student: { getOutingInform: async () => ({ studentUuid: 'student-000000000001' }) } },
    },
    loaders: { recruitment: { load: async () => ({ ClubUUID: 'club-000000000001' }) } },
    ip: '203.0.113.7',
  } as unknown as GraphQLContext;
}

/** The document without the selections `@skip`/`@include` leave out for these variables. */
function withoutSkipped(document: DocumentNode, variables: Record<string, unknown>): DocumentNode {
  const excluded = (directives: readonly DirectiveNode[] | undefined) =>
    (directives ?? []).some((directive) => {
      const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
      if (!arg || (directive.name.value !== 'skip' && directive.name.value !== 'include')) return false;
      const on =
        arg.kind === Kind.BOOLEAN ? arg.value : arg.kind === Kind.VARIABLE ? variables[arg.name.value] === true : false;
      return directive.name.value === 'skip' ? on : !on;
    });
  const prune = (node: ASTNode & { directives?: readonly DirectiveNode[] }) =>
    excluded(node.directives) ? null : undefined;
  return visit(document, { Field: prune, InlineFragment: prune, FragmentSpread: prune });
}

const describeError = (error: GraphQLError) => {
  const original = error.originalError as { code?: string; legacyCode?: number } | undefined;
  return `${(error.path ?? []).join('.')}|${original?.code}|${original?.legacyCode}|${error.message}`;
};

/** Records the buckets an operation was counted in, and lets every hit through. */
function recordingCounters(): WindowCounters & { hits: string[] } {
  const hits: string[] = [];
  return {
    hits,
    hit(key: string, options: HitOptions) {
      hits.push(`${key}|${options.weight ?? 1}|${options.limit}`);
      return { allowed: true, count: 1 };
    },
    close: async () => {},
  };
}

interface Case {
  operation: GeneratedOperation;
  document: DocumentNode;
  coerced: Record<string, unknown>;
  who: Who;
}

const generated = fc.record({ operation: operationArbitrary(schema), who: fc.constantFrom(...WHO) });

/** The generated operation as Apollo would hand it over (parsed, valid, variables coercing), or undefined. */
function prepared({ operation, who }: { operation: GeneratedOperation; who: Who }): Case | undefined {
  const document = parse(operation.query);
  const operationAst = getOperationAST(document, 'Op');
  if (!operationAst || validate(schema, document, specifiedRules).length > 0) return undefined;
  const coerced = getVariableValues(schema, operationAst.variableDefinitions ?? [], operation.variables);
  return coerced.coerced ? { operation, document, coerced: coerced.coerced, who } : undefined;
}

/** Runs `check` on valid cases only (fast-check skips the others), and counts them. */
function onValid<T>(check: (c: Case) => T) {
  return (value: { operation: GeneratedOperation; who: Who }): T => {
    const c = prepared(value);
    fc.pre(c !== undefined);
    validCases += 1;
    return check(c as Case);
  };
}
let validCases = 0;

const planOf = (document: DocumentNode) => selectFields(schema, document, getOperationAST(document, 'Op')!);

describe('the operation plan decides as the walkers it replaced did', () => {
  const runs = { numRuns: Number(process.env.FC_RUNS ?? 300), maxSkipsPerRun: 20 };

  afterAll(() => {
    // Most generated operations are valid; the properties mean something only if many were.
    expect(validCases).toBeGreaterThan(Number(process.env.FC_RUNS ?? 300) * 3);
  });

  it('denies the same fields with the same errors (rules honour @skip/@include in both)', async () => {
    await fc.assert(
      fc.asyncProperty(
        generated,
        onValid(async ({ operation, document, coerced, who }) => {
          const old = await checkOperation({
            schema,
            document,
            operationName: 'Op',
            variableValues: operation.variables,
            contextValue: contextOf(who),
          });
          const selection = planOf(document);
          const active = (field: (typeof selection.fields)[number]) => conditionsHold(field.conditions, coerced);
          const planned = await authorizeOperation(
            planAuthorization(selection.fields),
            active,
            coerced,
            contextOf(who),
            createRuleMemo(),
          );
          expect(new Set(planned.map(describeError))).toEqual(new Set(old.map(describeError)));
        }),
      ),
      runs,
    );
  });

  it('finds the same constraint violations', async () => {
    await fc.assert(
      fc.property(
        generated,
        onValid(({ operation, document, coerced }) => {
          const old = oldFindViolations(schema, checker, withoutSkipped(document, coerced), 'Op', operation.variables);
          const selection = planOf(document);
          const planned = findViolations(
            planConstraints(selection.fields, checker),
            checker,
            (field) => conditionsHold(field.conditions, coerced),
            coerced,
          );
          expect(new Set(planned.map((v) => JSON.stringify(v)))).toEqual(new Set(old.map((v) => JSON.stringify(v))));
        }),
      ),
      runs,
    );
  });

  it('decides written arguments that pass once, at plan time; written violations and variables stay per request', () => {
    const planned = (query: string) => planConstraints(planOf(parse(query)).fields, checker).map((f) => f.fieldName);
    const input = (loginId: string) =>
      `{ loginId: "${loginId}", password: "pass1234", name: "김교사", phoneNumber: "01012345678" }`;
    expect(planned(`mutation Op { registerTeacher(input: ${input('teacher1')}) { id } }`)).toEqual([]);
    expect(planned(`mutation Op { registerTeacher(input: ${input('t')}) { id } }`)).toEqual(['registerTeacher']);
    expect(planned('mutation Op($i: RegisterTeacherInput!) { registerTeacher(input: $i) { id } }')).toEqual([
      'registerTeacher',
    ]);
    // A variable deep inside a written object still makes the field a per-request check.
    expect(
      planned(
        'mutation Op($p: String!) { registerTeacher(input: { loginId: "teacher1", password: $p, name: "김교사", phoneNumber: "01012345678" }) { id } }',
      ),
    ).toEqual(['registerTeacher']);
  });

  it('counts the same @rateLimit buckets with the same weights', async () => {
    await fc.assert(
      fc.asyncProperty(
        generated,
        onValid(async ({ operation, document, coerced, who }) => {
          const context = contextOf(who);
          const before = limitedBuckets(schema, limits, withoutSkipped(document, coerced), 'Op', operation.variables, {
            callerUuid: context.caller?.uuid,
            ip: context.ip,
          });
          const after = recordingCounters();
          const selection = planOf(document);
          await countRateLimits(
            planRateLimits(selection.fields, limits),
            { counters: after },
            (field) => conditionsHold(field.conditions, coerced),
            coerced,
            { callerUuid: context.caller?.uuid, ip: context.ip },
          );
          expect([...after.hits].sort()).toEqual([...before].sort());
        }),
      ),
      runs,
    );
  });

  it('gives the same cache scope, root fields, selection tags and rate-limit mark', async () => {
    await fc.assert(
      fc.property(
        generated,
        onValid(({ document }) => {
          const old = analyzeOperation(schema, document, 'Op');
          const operation = getOperationAST(document, 'Op')!;
          const planned = planCachePolicy(operation.operation, planOf(document), TTLS);
          expect({
            scope: planned.scope,
            rootFields: planned.rootFields.map((f) => f.responsePath[0]),
            selectionTags: [...planned.selectionTags].sort(),
            rateLimited: planned.rateLimited,
          }).toEqual({
            scope: old?.scope,
            rootFields: old?.rootFields.map((f) => f.responseKey),
            selectionTags: [...(old?.selectionTags ?? [])].sort(),
            rateLimited: old?.rateLimited,
          });
        }),
      ),
      runs,
    );
  });
});

describe('denials decided once per role', () => {
  it("gives a role's refused requests one error, made once, and another role its own", async () => {
    const document = parse('query Op { outings(offset: 0, limit: 5) { outingId } }');
    const plan = planAuthorization(planOf(document).fields);
    const deny = (who: Who) => authorizeOperation(plan, () => true, {}, contextOf(who), createRuleMemo());
    const first = await deny('student');
    const again = await deny('student');
    expect(first).toHaveLength(1);
    expect(first[0]?.path).toEqual(['outings']);
    expect(again[0]).toBe(first[0]);
    const parent = await deny('parent');
    expect(parent).toHaveLength(1);
    expect(parent[0]).not.toBe(first[0]);
    expect(await deny('teacher')).toEqual([]);
  });
});
