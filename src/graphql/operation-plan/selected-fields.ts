import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** One `@skip` or `@include` met on the way to a selection: the value is a literal or a variable's name. */
export interface Condition {
  /** `skip`: excluded when the value is true; `include`: excluded when it is false. */
  directive: 'skip' | 'include';
  value: boolean | { variable: string };
}

/** One place the operation selects a field: a field node under one parent, with everything known statically. */
export interface SelectedField {
  fieldName: string;
  /** The response key (alias or name) of this field and of every field above it, from the root. */
  responsePath: readonly string[];
  /** The type the selection set is written on (an object type or an interface), narrowed by fragments. */
  parentType: GraphQLObjectType | GraphQLInterfaceType;
  /** The field's definition on `parentType`. */
  definition: GraphQLField<unknown, unknown>;
  /**
   * The object types the parent can be at run time, each with its own definition of the field: a field of an
   * interface is read on whichever implementation comes back, and each has its own rule.
   */
  objectTypes: ReadonlyArray<{ type: GraphQLObjectType; definition: GraphQLField<unknown, unknown> }>;
  node: FieldNode;
  /** For each object type, the chain of parent types from the root (the `typename`s of graphql-js' `Path`). */
  parentTypeNames: readonly string[];
  /** Every `@skip`/`@include` on this field and on the fields and fragments above it: all must let it through. */
  conditions: readonly Condition[];
  /** True for the operation's own fields. */
  root: boolean;
}

/** What the walk found in one operation; introspection fields (`__schema`, `__type`) are listed apart. */
export interface OperationSelection {
  fields: SelectedField[];
  /** Selects `__schema` or `__type` somewhere. */
  introspection: boolean;
}

/** `@skip(if:)` / `@include(if:)` of a node, as conditions. */
function conditionsOf(directives: readonly DirectiveNode[] | undefined): Condition[] {
  if (!directives?.length) return [];
  const found: Condition[] = [];
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if');
    if (!argument) continue;
    const { value } = argument;
    if (value.kind === Kind.BOOLEAN) found.push({ directive: name, value: value.value });
    else if (value.kind === Kind.VARIABLE) found.push({ directive: name, value: { variable: value.name.value } });
  }
  return found;
}

/** The object types a selection on `type` can meet at run time. */
function objectTypesOf(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [];
}

/**
 * The one walk over an operation: every field it selects, through fragments and inline fragments, with the
 * `@skip`/`@include` conditions on its way (evaluated per request, not here). Rules, input constraints, rate
 * limits and the cache policy are all read off this list: the operation is walked once per document, not once
 * per feature and request. Fragment cycles (which validation forbids) end the branch.
 */
export function selectFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationSelection {
  const root = schema.getRootType(operation.operation);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields: SelectedField[] = [];
  let introspection = false;
  if (!root) return { fields, introspection };

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    objectTypes: readonly GraphQLObjectType[],
    path: readonly string[],
    typeNames: readonly string[],
    conditions: readonly Condition[],
    seenFragments: ReadonlySet<string>,
  ): void => {
    for (const selection of selectionSet.selections) {
      const own = conditionsOf(selection.directives);
      const here = own.length ? [...conditions, ...own] : conditions;
      if (selection.kind === Kind.FIELD) {
        const fieldName = selection.name.value;
        if (fieldName.startsWith('__')) {
          if (fieldName !== '__typename') introspection = true;
          continue;
        }
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const definition = parent.getFields()[fieldName];
        if (!definition) continue;
        const responseKey = selection.alias?.value ?? fieldName;
        const responsePath = [...path, responseKey];
        const implementations = objectTypes.flatMap((type) => {
          const own = type.getFields()[fieldName];
          return own ? [{ type, definition: own }] : [];
        });
        fields.push({
          fieldName,
          responsePath,
          parentType: parent,
          definition,
          objectTypes: implementations,
          node: selection,
          parentTypeNames: typeNames,
          conditions: here,
          root: path.length === 0,
        });
        const returned = getNamedType(definition.type);
        if (selection.selectionSet && isCompositeType(returned)) {
          walk(
            selection.selectionSet,
            returned,
            objectTypesOf(schema, returned),
            responsePath,
            [...typeNames, parent.name],
            here,
            seenFragments,
          );
        }
        continue;
      }
      let fragment: { typeCondition?: { name: { value: string } }; selectionSet: SelectionSetNode } | undefined;
      let seen = seenFragments;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        fragment = selection;
      } else {
        const name = selection.name.value;
        if (seenFragments.has(name)) continue;
        fragment = fragments.get(name);
        seen = new Set(seenFragments).add(name);
      }
      if (!fragment) continue;
      const condition = fragment.typeCondition && schema.getType(fragment.typeCondition.name.value);
      const narrowedParent = condition && isCompositeType(condition) ? condition : parent;
      const narrowedTypes =
        condition && isCompositeType(condition)
          ? objectTypes.filter((type) => objectTypesOf(schema, condition).includes(type))
          : objectTypes;
      walk(fragment.selectionSet, narrowedParent, narrowedTypes, path, typeNames, here, seen);
    }
  };
  walk(operation.selectionSet, root, [root], [], [], [], new Set());
  return { fields, introspection };
}

/** Whether every condition lets the selection through, with the request's coerced variables. */
export function conditionsHold(
  conditions: readonly Condition[],
  variables: Readonly<Record<string, unknown>>,
): boolean {
  for (const { directive, value } of conditions) {
    const on = typeof value === 'boolean' ? value : variables[value.variable] === true;
    if (directive === 'skip' ? on : !on) return false;
  }
  return true;
}
