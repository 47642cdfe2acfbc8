import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** A generated operation: its text and the variables it declares. */
export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** A value as generated: printed as a literal, or sent as JSON for a variable (enums by name). */
type Value = string | number | boolean | null | { enum: string } | Value[] | { [field: string]: Value };

/** Strings that meet and break the schema's constraints: legacy ids of every kind, names, phones, long text. */
const STRINGS = [
  '',
  'x',
  'student-000000000001',
  'student-000000000002',
  'teacher-000000000001',
  'parent-000000000001',
  'admin-000000000001',
  'club-000000000001',
  'club-000000000002',
  'recruitment-000000000001',
  'outing-000000000001',
  'announcement-000000000001',
  'confirm-000000000001',
  'not-an-id',
  '홍길동',
  '01012345678',
  'a'.repeat(201),
];
const INTS = [-1, 0, 1, 2, 3, 5, 13, 100, 100_000];
const SCALARS: Record<string, readonly Value[]> = {
  String: STRINGS,
  ID: STRINGS,
  Int: INTS,
  Float: [0.5, 2],
  Boolean: [true, false],
  DateTime: ['2026-12-07T06:00:00Z', '2026-12-07T08:00:00Z'],
  LocalDate: ['2026-12-07', '2026-02-30'],
  JSONObject: [{ t: 1 }, { text: 'a'.repeat(50) }],
};

type Pick = <T>(values: readonly T[]) => T;

/** The GraphQL type as written in a variable definition. */
function typeText(type: GraphQLInputType): string {
  if (isNonNullType(type)) return `${typeText(type.ofType)}!`;
  if (isListType(type)) return `[${typeText(type.ofType)}]`;
  return type.name;
}

function valueOf(type: GraphQLInputType, pick: Pick, depth: number): Value | undefined {
  if (isNonNullType(type)) return valueOf(type.ofType, pick, depth);
  if (isListType(type)) {
    const items: Value[] = [];
    for (let i = pick([0, 1, 2]); i > 0; i -= 1) {
      const item = valueOf(type.ofType, pick, depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return items;
  }
  if (isEnumType(type)) return { enum: pick(type.getValues()).name };
  if (isInputObjectType(type)) {
    if (depth > 3) return undefined;
    const object: Record<string, Value> = {};
    for (const field of Object.values(type.getFields())) {
      if (!isNonNullType(field.type) && pick([true, false, false])) continue;
      const value = valueOf(field.type, pick, depth + 1);
      if (value === undefined) {
        if (isNonNullType(field.type)) return undefined;
        continue;
      }
      object[field.name] = value;
    }
    return object;
  }
  if (isScalarType(type)) {
    const pool = SCALARS[type.name];
    return pool ? pick(pool) : undefined; // Upload has no literal form
  }
  return undefined;
}

function literal(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    if ('enum' in value && typeof value.enum === 'string' && Object.keys(value).length === 1) return value.enum;
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

function json(value: Value): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(json);
  if ('enum' in value && typeof value.enum === 'string' && Object.keys(value).length === 1) return value.enum;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, json(v)]));
}

/**
 * Operations over the schema, valid or close to it (callers keep those that validate): root queries or mutations
 * with arguments as literals or variables (values that meet and break the constraints), nested selections with
 * aliases, inline fragments on the types an interface or union can be, named fragments, and `@skip`/`@include`
 * with literal or variable conditions.
 */
export function operationArbitrary(schema: GraphQLSchema): fc.Arbitrary<GeneratedOperation> {
  return fc.gen().map((g) => {
    const pick: Pick = (values) => values[g(fc.nat, { max: values.length - 1 })] as (typeof values)[number];
    const declarations: string[] = [];
    const variables: Record<string, unknown> = {};
    const fragments: string[] = [];
    let aliases = 0;

    const variable = (type: string, value: unknown): string => {
      const name = `v${declarations.length}`;
      declarations.push(`$${name}: ${type}`);
      variables[name] = value;
      return `$${name}`;
    };
    const directives = (): string => {
      if (!pick([true, false, false, false])) return '';
      const directive = pick(['skip', 'include']);
      const condition = pick([true, false]);
      const value = pick([true, false]) ? String(condition) : variable('Boolean!', condition);
      return ` @${directive}(if: ${value})`;
    };

    const selections = (type: GraphQLCompositeType, depth: number): string => {
      const parts: string[] = [];
      const count = pick(depth === 0 ? [1, 1, 2] : [1, 2, 3]);
      for (let i = 0; i < count; i += 1) {
        const choice = pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        if ((isAbstractType(type) && choice < 4) || isUnionType(type)) {
          const possible = schema.getPossibleTypes(type);
          const on = pick(possible);
          parts.push(`... on ${on.name}${directives()} { ${selections(on, depth)} }`);
          continue;
        }
        if (choice === 4 && depth < 2) {
          const name = `F${fragments.length}`;
          fragments.push(''); // reserve the name before the body (which may add fragments of its own)
          const index = fragments.length - 1;
          fragments[index] = `fragment ${name} on ${type.name} { ${selections(type, depth)} }`;
          parts.push(`...${name}${directives()}`);
          continue;
        }
        if (choice === 5) {
          parts.push(`...${directives() || ' @include(if: true)'} { ${selections(type, depth)} }`);
          continue;
        }
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = pick(Object.values(type.getFields()));
        const args: string[] = [];
        let usable = true;
        for (const arg of field.args) {
          if (!isNonNullType(arg.type) && pick([true, false])) continue;
          const value = valueOf(arg.type, pick, 0);
          if (value === undefined) {
            if (isNonNullType(arg.type)) usable = false;
            continue;
          }
          args.push(`${arg.name}: ${pick([true, false]) ? literal(value) : variable(typeText(arg.type), json(value))}`);
        }
        if (!usable) continue;
        const alias = pick([true, false, false]) ? `a${(aliases += 1)}: ` : '';
        const returned = getNamedType(field.type);
        const sub =
          isObjectType(returned) || isInterfaceType(returned) || isUnionType(returned)
            ? ` { ${depth < 3 ? selections(returned, depth + 1) : '__typename'} }`
            : '';
        parts.push(`${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directives()}${sub}`);
      }
      return parts.length ? parts.join(' ') : '__typename';
    };

    const kind = pick(['query', 'query', 'mutation'] as const);
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    if (!root) throw new Error(`the schema has no ${kind} type`);
    const body = selections(root, 0);
    const header = declarations.length ? `${kind} Op(${declarations.join(', ')})` : `${kind} Op`;
    return { query: [`${header} { ${body} }`, ...fragments].join('\n'), variables };
  });
}
