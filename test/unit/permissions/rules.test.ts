import { getOperationAST, getVariableValues, isObjectType, parse, type GraphQLResolveInfo } from 'graphql';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';
import { authorizeField, createRuleMemo, fieldCheckOf } from '../../../permissions/authorize-field';
import { authorizeOperation, planAuthorization } from '../../../permissions/operation-authorization';
import { conditionsHold, selectFields } from '../../../src/graphql/operation-plan/selected-fields';
import { ruleTree, shieldOptions } from '../../../permissions/rule-tree';
import {
  hasRole,
  isAuthenticatedOrOwnLoginReply,
  isClubLeader,
  isSelfOrAdmin,
  isStudentThemselfOrAdmin,
} from '../../../permissions/rules';
import type { ShieldRule } from '../../../permissions/shield-types';
import type { GraphQLContext } from '../../../src/context';
import type { Role } from '../../../core/account-ids';

const ID = { admin: 'admin-000000000001', student: 'student-000000000001', teacher: 'teacher-000000000001' };

/** A context with only what the rules read; `leads` answers GetClubUUIDWithLeaderUUID and counts the calls. */
function contextOf(role?: Role, uuid?: string, leads: string | null = null) {
  const calls = { leader: 0 };
  const context = {
    caller: role ? { role, uuid: uuid ?? `${role}-000000000001` } : undefined,
    clients: {
      club: {
        student: {
          getClubUuidWithLeaderUuid: async () => {
            calls.leader += 1;
            return { ClubUUID: leads ?? '' };
          },
        },
      },
    },
  } as unknown as GraphQLContext;
  return { context, calls };
}

const info = (prevTypename?: string) =>
  ({
    path: { key: 'name', typename: 'Student', prev: prevTypename && { key: 'x', typename: prevTypename } },
  }) as unknown as GraphQLResolveInfo;

const resolve = (rule: ShieldRule, context: GraphQLContext, args: object = {}, parent: object = {}, i = info()) =>
  rule.resolve(parent, args, context as never, i, shieldOptions);

const withCache = (context: GraphQLContext) => Object.assign(context, { _shield: { cache: {} } });

describe('role rules', () => {
  const teacherOrAdmin = hasRole(['teacher', 'admin'], -2601);

  it('answers UNAUTHENTICATED (−101) without a caller', async () => {
    const denial = await resolve(teacherOrAdmin, withCache(contextOf().context));
    expect(denial).toMatchObject({ code: 'UNAUTHENTICATED', legacyCode: -101 });
  });

  it('answers FORBIDDEN with the legacy code for another role, true for a listed role', async () => {
    expect(await resolve(teacherOrAdmin, withCache(contextOf('student').context))).toMatchObject({
      code: 'FORBIDDEN',
      legacyCode: -2601,
    });
    expect(await resolve(teacherOrAdmin, withCache(contextOf('admin').context))).toBe(true);
  });

  it('is one rule per role set, cached per request under its name', async () => {
    expect(hasRole(['admin', 'teacher'], -2601)).toBe(teacherOrAdmin);
    const context = withCache(contextOf('teacher').context) as GraphQLContext & {
      _shield: { cache: Record<string, unknown> };
    };
    await resolve(teacherOrAdmin, context);
    expect(Object.keys(context._shield.cache)).toEqual(['role:admin|teacher:-2601']);
  });
});

describe('ownership rules', () => {
  it('self-or-admin: the account itself (or no id), an admin, nobody else', async () => {
    const rule = isSelfOrAdmin('student');
    expect(await resolve(rule, contextOf('student', ID.student).context, { id: ID.student })).toBe(true);
    expect(await resolve(rule, contextOf('student', ID.student).context, {})).toBe(true);
    expect(await resolve(rule, contextOf('admin').context, { id: ID.student })).toBe(true);
    expect(await resolve(rule, contextOf('student', 'student-000000000002').context, { id: ID.student })).toMatchObject(
      { code: 'FORBIDDEN' },
    );
    expect(await resolve(rule, contextOf('teacher').context, {})).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a relationship field reads the object it belongs to', async () => {
    const own = withCache(contextOf('student', ID.student).context);
    expect(await resolve(isStudentThemselfOrAdmin, own, {}, { id: ID.student })).toBe(true);
    const other = withCache(contextOf('student', 'student-000000000002').context);
    expect(await resolve(isStudentThemselfOrAdmin, other, {}, { id: ID.student })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('account fields: signed in, or the account a login reply returns', async () => {
    const anonymous = withCache(contextOf().context);
    expect(await resolve(isAuthenticatedOrOwnLoginReply, anonymous, {}, {}, info('LoginResult'))).toBe(true);
    const again = withCache(contextOf().context);
    expect(await resolve(isAuthenticatedOrOwnLoginReply, again, {}, {}, info('Mutation'))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('club leader: one leader lookup per request, −1712 when the student leads no club', async () => {
    const { context, calls } = contextOf('student', ID.student, 'club-000000000001');
    withCache(context);
    expect(await resolve(isClubLeader, context)).toBe(true);
    expect(await resolve(isClubLeader, context)).toBe(true);
    expect(calls.leader).toBe(1);
    const none = withCache(contextOf('student', ID.student, null).context);
    expect(await resolve(isClubLeader, none)).toMatchObject({ code: 'FORBIDDEN', legacyCode: -1712 });
    const teacher = contextOf('teacher');
    expect(await resolve(isClubLeader, withCache(teacher.context))).toMatchObject({ code: 'FORBIDDEN' });
    expect(teacher.calls.leader).toBe(0);
  });
});

describe('the rule tree', () => {
  const schema = createExecutableSchema();

  it('names a rule for every field of every object type (the deny fallback is never needed)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields())) {
        const fields = ruleTree[type.name];
        if (!fields?.[field] && !fields?.['*']) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names only fields that exist', () => {
    const unknown = Object.entries(ruleTree).flatMap(([type, fields]) => {
      const object = schema.getType(type);
      if (!isObjectType(object)) return [type];
      return Object.keys(fields)
        .filter((f) => f !== '*' && !(f in object.getFields()))
        .map((f) => `${type}.${f}`);
    });
    expect(unknown).toEqual([]);
  });
});

describe("an operation plan's authorization", () => {
  const schema = createExecutableSchema();
  const check = (query: string, context: GraphQLContext, variableValues: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues).coerced!;
    const fields = selectFields(schema, document, operation).fields;
    const active = (field: (typeof fields)[number]) => conditionsHold(field.conditions, variables);
    return authorizeOperation(planAuthorization(fields), active, variables, context, createRuleMemo());
  };

  it('denies at the field path, nested fields included', async () => {
    const [denial, ...rest] = await check(
      '{ me { id } clubsByIds(ids: ["club-000000000001"]) { name currentRecruitment { id } } }',
      contextOf('teacher').context,
    );
    expect(rest).toEqual([]);
    expect(denial?.path).toEqual(['clubsByIds', 'currentRecruitment']);
    expect(denial?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('follows fragments and aliases, and leaves out fields skipped by @skip/@include', async () => {
    const anonymous = contextOf().context;
    const denials = await check(
      `query($no: Boolean!) { me { id } mine: myOutings { ...O } ... on Query { calendar(year: 2026, month: 1) @include(if: $no) { id } } }
       fragment O on Outing { id }`,
      anonymous,
      { no: false },
    );
    expect(denials.map((d) => d.path)).toEqual([['mine']]);
    expect(denials[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
  });

  it('checks an abstract selection against every type it may be, and leaves relationship rules to resolve time', async () => {
    const denials = await check(
      '{ me { id ... on Student { name parent { id } } ... on Parent { children { id } } } }',
      contextOf('teacher').context,
    );
    expect(denials).toEqual([]);
  });

  it('uses the coerced arguments, defaults included', async () => {
    const { context, calls } = contextOf('student', ID.student, null);
    const denials = await check(
      'mutation($t: AnnouncementType!) { createAnnouncement(input: { type: $t, title: "t", content: {} }) }',
      context,
      { t: 'CLUB' },
    );
    expect(denials[0]?.extensions).toEqual({ code: 'FORBIDDEN', legacyCode: -1000 });
    expect(calls.leader).toBe(1);
  });
});

describe('the one authorization entry point (`authorizeField`)', () => {
  it('decides a role rule once per role and shares the verdict between requests', async () => {
    const check = fieldCheckOf('Query', 'outings');
    expect(check.kind).toBe('caller');
    if (check.kind !== 'caller') return;
    const teacher = { role: 'teacher' as const, uuid: 'teacher-000000000001' };
    expect(check.verdictFor(teacher)).toBe(true);
    const denial = check.verdictFor({ role: 'student', uuid: 'student-000000000001' });
    expect(denial).toMatchObject({ code: 'FORBIDDEN', legacyCode: -2601 });
    expect(check.verdictFor({ role: 'student', uuid: 'student-000000000002' })).toBe(denial);
  });

  it('decides an argument rule with its look-up, once per request for the same arguments', async () => {
    const { context, calls } = contextOf('student', ID.student, 'club-000000000001');
    const memo = createRuleMemo();
    expect(await authorizeField('Mutation.addClubMember', { clubId: 'club-000000000001' }, context, { memo })).toBe(
      true,
    );
    expect(await authorizeField('Mutation.removeClubMember', { clubId: 'club-000000000001' }, context, { memo })).toBe(
      true,
    );
    expect(
      await authorizeField('Mutation.addClubMember', { clubId: 'club-000000000002' }, context, { memo }),
    ).toMatchObject({
      code: 'FORBIDDEN',
      legacyCode: -1712,
    });
    expect(calls.leader).toBe(1);
  });

  it("answers a field without a rule with the fallback's denial, and leaves parent rules to resolve time", async () => {
    expect(await authorizeField('Query.nothing', {}, contextOf().context)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await authorizeField('Query.nothing', {}, contextOf('teacher').context)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(fieldCheckOf('Student', 'parent').kind).toBe('parent');
    expect(fieldCheckOf('Student', 'name', true).kind).toBe('caller');
  });
});
