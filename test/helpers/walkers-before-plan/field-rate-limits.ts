import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { fieldBucketKey, type FieldRateLimit } from '../../../traffic/field-rate-limits';

/*
 * The `@rateLimit` walker as it ran in production before the operation plan (traffic/use-field-rate-limits.ts at
 * commit 24932f7, less its envelop plumbing), kept as the oracle of test/unit/graphql/operation-plan.test.ts.
 */

/** One limited field as the operation selects it: where it is, and its arguments. */
interface Selected {
  node: FieldNode;
  path: string[];
  args: () => Record<string, unknown>;
}

/** The limited fields an operation would execute, one entry per response path (aliases count; merged spreads don't). */
function selectedLimitedFields(
  schema: GraphQLSchema,
  limits: Map<string, FieldRateLimit[]>,
  root: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
): Map<string, { selected: Selected; limits: FieldRateLimit[] }> {
  const found = new Map<string, { selected: Selected; limits: FieldRateLimit[] }>();
  const walk = (type: GraphQLNamedType, set: SelectionSetNode, path: string[], seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on) walk(on, selection.selectionSet, path, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && on && !seen.has(name)) walk(on, fragment.selectionSet, path, new Set(seen).add(name));
      } else {
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue; // __typename and the like
        const responsePath = [...path, selection.alias?.value ?? selection.name.value];
        const fieldLimits = limits.get(`${type.name}.${field.name}`);
        if (fieldLimits) {
          const node = selection;
          found.set(responsePath.join('.'), {
            selected: { node, path: responsePath, args: () => getArgumentValues(field, node, variables) },
            limits: fieldLimits,
          });
        }
        if (selection.selectionSet) walk(getNamedType(field.type), selection.selectionSet, responsePath, seen);
      }
    }
  };
  walk(root, selectionSet, [], new Set());
  return found;
}

/** The buckets one operation is counted in, as `key|weight|limit`, the way the plugin counted them. */
export function limitedBuckets(
  schema: GraphQLSchema,
  limits: Map<string, FieldRateLimit[]>,
  document: DocumentNode,
  operationName: string,
  variables: Record<string, unknown> | undefined,
  caller: { callerUuid: string | undefined; ip: string },
): string[] {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const found = selectedLimitedFields(schema, limits, root, operation.selectionSet, fragments, variables);
  const buckets = new Map<string, { limit: FieldRateLimit; weight: number }>();
  for (const { selected, limits: fieldLimits } of found.values()) {
    for (const limit of fieldLimits) {
      const key = fieldBucketKey(limit, { ...caller, args: selected.args });
      const bucket = buckets.get(key);
      if (bucket) bucket.weight += 1;
      else buckets.set(key, { limit, weight: 1 });
    }
  }
  return [...buckets].map(([key, { limit, weight }]) => `${key}|${weight}|${limit.max}`);
}
