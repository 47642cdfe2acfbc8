/*
 * The `@constraint` walker as it ran in production before the operation plan (directives/use-input-constraints.ts
 * at commit 24932f7), kept as the oracle of test/unit/graphql/operation-plan.test.ts: the plan must decide as it did.
 */
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type FieldNode,
} from 'graphql';
import type { ConstraintChecker, ConstraintViolation } from '../../../directives/constraint-directive';

/** A violation as the client sees it in `extensions.fields`: which field (response key) and which value. */
export interface FieldViolation extends ConstraintViolation {
  /** The response path of the field whose argument broke the rule, such as `createStudent`. */
  field: string;
}

interface ConstrainedField {
  responsePath: string;
  definition: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/**
 * The fields of the operation that take constrained arguments, found once per parsed document (Apollo hands the
 * same document object to every request with the same query text) and per operation name.
 */
function constrainedFieldsOf(
  schema: GraphQLSchema,
  checker: ConstraintChecker,
  document: DocumentNode,
  operationName: string | undefined,
): ConstrainedField[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const root = schema.getRootType(operation.operation);
  if (!root) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const found: ConstrainedField[] = [];
  const walk = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, prefix: string, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : undefined;
        const definition = fields?.[selection.name.value];
        if (!definition) continue;
        const responsePath = `${prefix}${(selection.alias ?? selection.name).value}`;
        if (checker.hasConstraints(definition.args)) found.push({ responsePath, definition, node: selection });
        const fieldType = getNamedType(definition.type);
        if (selection.selectionSet && isCompositeType(fieldType)) {
          walk(fieldType, selection.selectionSet, `${responsePath}.`, seen);
        }
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        // A fragment spread twice at one level adds no new arguments; validation already ruled out cycles.
        if (seen.has(selection.name.value)) continue;
        seen.add(selection.name.value);
      }
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      walk(isCompositeType(condition) ? condition : type, fragment.selectionSet, prefix, new Set(seen));
    }
  };
  walk(root, operation.selectionSet, '', new Set());
  return found;
}

/** Every violated rule of every constrained argument of the operation, with the given raw variables. */
export function findViolations(
  schema: GraphQLSchema,
  checker: ConstraintChecker,
  document: DocumentNode,
  operationName: string | undefined,
  rawVariables: Record<string, unknown> | undefined,
  cache?: WeakMap<DocumentNode, Map<string, ConstrainedField[]>>,
): FieldViolation[] {
  let perOperation = cache?.get(document);
  let fields = perOperation?.get(operationName ?? '');
  if (!fields) {
    fields = constrainedFieldsOf(schema, checker, document, operationName);
    if (cache) {
      if (!perOperation) cache.set(document, (perOperation = new Map()));
      perOperation.set(operationName ?? '', fields);
    }
  }
  if (fields.length === 0) return [];
  const operation = getOperationAST(document, operationName);
  // Variables that do not coerce are execute's to report (with the same BAD_USER_INPUT code); nothing to add.
  const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return [];
  return fields.flatMap(({ responsePath, definition, node }) => {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(definition, node, coerced.coerced);
    } catch {
      return [];
    }
    return checker.checkArguments(definition.args, values).map((violation) => ({ field: responsePath, ...violation }));
  });
}
