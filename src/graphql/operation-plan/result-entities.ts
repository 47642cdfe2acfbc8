import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Aliases of the fields added to a cached operation so its result names every object's type and id. */
const TYPE_KEY = '__cacheType';
const ID_KEY = '__cacheId';

const field = (name: string, alias: string): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  alias: { kind: Kind.NAME, value: alias },
});
const TYPENAME_FIELD = field('__typename', TYPE_KEY);
const ID_FIELD = field('id', ID_KEY);

/**
 * The document a cached or cache-invalidating operation executes: every selection set also asks for the object's
 * `__typename` and, where the type has one, its `id` (under aliases of their own, unless the client selected them),
 * so the result can be tagged `Type:id` for every entity in it, as the invalidation rules expect
 * (`cache/invalidation-rules.ts`). The added fields are taken out of the result by `collectEntityTags`.
 */
export function withEntityFields(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node: SelectionSetNode) {
        const parent = typeInfo.getParentType();
        const plain = (name: string) =>
          node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === name && !s.alias);
        const added: FieldNode[] = [];
        if (!plain('__typename')) added.push(TYPENAME_FIELD);
        const hasId = parent && (isObjectType(parent) || isInterfaceType(parent)) && 'id' in parent.getFields();
        if (hasId && !plain('id')) added.push(ID_FIELD);
        return added.length ? { ...node, selections: [...node.selections, ...added] } : undefined;
      },
    }),
  );
}

/** For each `Type.field`, the object types a null or empty answer stands for (the type is tagged instead). */
export function inferredTypesOf(schema: GraphQLSchema): ReadonlyMap<string, readonly string[]> {
  const types = new Map<string, readonly string[]>();
  const namesOf = (type: GraphQLNamedType): string[] =>
    isUnionType(type)
      ? type.getTypes().map((t) => t.name)
      : isObjectType(type) || isInterfaceType(type)
        ? [type.name]
        : [];
  for (const type of Object.values(schema.getTypeMap())) {
    if ((!isObjectType(type) && !isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const definition of Object.values(type.getFields())) {
      const names = namesOf(getNamedType(definition.type));
      if (names.length) types.set(`${type.name}.${definition.name}`, names);
    }
  }
  return types;
}

/**
 * Takes the added fields out of a result (in place: the result is the execution's own) and returns its entity
 * tags: `Type:id` for every object with an id, and `Type` for every null or empty field whose objects could
 * appear there later (so a write of any such object drops the result).
 */
export function collectEntityTags(
  data: Record<string, unknown> | null | undefined,
  inferred: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const tags = new Set<string>();
  const visitValue = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visitValue(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const typename = object[TYPE_KEY] ?? object.__typename;
    if (typeof typename === 'string') {
      delete object[TYPE_KEY];
      let id = object[ID_KEY];
      if (ID_KEY in object) delete object[ID_KEY];
      else id = object.id;
      if (typeof id === 'string' || typeof id === 'number') tags.add(`${typename}:${id}`);
      for (const key in object) {
        const child = object[key];
        if (child === null || (Array.isArray(child) && child.length === 0)) {
          for (const type of inferred.get(`${typename}.${key}`) ?? []) tags.add(type);
        }
      }
    }
    for (const key in object) visitValue(object[key]);
  };
  visitValue(data);
  return tags;
}
