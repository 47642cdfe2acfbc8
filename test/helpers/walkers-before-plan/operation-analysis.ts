/*
 * The response cache's walker as it ran in production before the operation plan (cache/operation-analysis.ts at commit
 * 24932f7), kept as the oracle of test/unit/graphql/operation-plan.test.ts: the plan must decide as it did.
 */
import {
  getNamedType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { PUBLIC_TYPES, QUERY_POLICY, UNCACHED_FIELDS, type CacheScope } from '../../../cache/cache-policy';
import { SELECTION_TAGS } from '../../../cache/invalidation-rules';

export interface RootField {
  name: string;
  /** The key of the field in `data` (its alias or name). */
  responseKey: string;
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
}

/** What the cache needs to know about one operation of a document; the same for every request sending it. */
export interface OperationAnalysis {
  kind: 'query' | 'mutation' | 'subscription';
  /** For queries: who may share a cached result (cache-policy.ts). */
  scope: CacheScope;
  rootFields: RootField[];
  /** Tags for the fields selected anywhere in the operation (`SELECTION_TAGS`). */
  selectionTags: string[];
  /** Selects a field with `@rateLimit`: a hit must still go through the limiter, so no fast path. */
  rateLimited: boolean;
}

const analyses = new WeakMap<DocumentNode, Map<string | null, OperationAnalysis | undefined>>();

/** Analyses the operation once per parsed document (Apollo reuses the parsed document for the same text). */
export function analyzeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationAnalysis | undefined {
  let byName = analyses.get(document);
  if (!byName) analyses.set(document, (byName = new Map()));
  // No name (the document's only operation) and the empty name (no operation at all) must not share a memo.
  const name = operationName ?? null;
  if (!byName.has(name)) byName.set(name, analyze(schema, document, operationName));
  return byName.get(name);
}

function analyze(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationAnalysis | undefined {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  }
  const rootFields: RootField[] = [];
  const selectionTags = new Set<string>();
  let reachesPrivateType = false;
  let uncached = false;
  let rateLimited = false;

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, root: boolean, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'InlineFragment') {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        walk(selection.selectionSet, isCompositeType(condition) ? condition : parent, root, seen);
        continue;
      }
      if (selection.kind === 'FragmentSpread') {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        const nested = new Set(seen).add(fragment.name.value);
        walk(fragment.selectionSet, isCompositeType(condition) ? condition : parent, root, nested);
        continue;
      }
      const fieldName = selection.name.value;
      if (fieldName === '__typename') continue;
      if (fieldName.startsWith('__')) {
        // Introspection is never cached.
        uncached = true;
        continue;
      }
      const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[fieldName] : undefined;
      if (!definition) continue;
      const coordinate = `${parent.name}.${fieldName}`;
      if (UNCACHED_FIELDS.has(coordinate)) uncached = true;
      const tag = SELECTION_TAGS[coordinate];
      if (tag) selectionTags.add(tag);
      if (definition.astNode?.directives?.some((d) => d.name.value === 'rateLimit')) rateLimited = true;
      if (root) {
        rootFields.push({
          name: fieldName,
          responseKey: selection.alias?.value ?? fieldName,
          node: selection,
          definition,
        });
      }
      const type = getNamedType(definition.type);
      if (isCompositeType(type)) {
        if (!PUBLIC_TYPES.has(type.name)) reachesPrivateType = true;
        if (selection.selectionSet) walk(selection.selectionSet, type, false, seen);
      }
    }
  };
  walk(operation.selectionSet, rootType, true, new Set());

  let scope: CacheScope = 'NONE';
  if (operation.operation === 'query' && !uncached) {
    const policies = rootFields.map((field) => QUERY_POLICY[field.name]?.scope ?? 'PRIVATE');
    if (policies.length > 0 && !policies.includes('NONE')) {
      scope = policies.every((p) => p === 'PUBLIC') && !reachesPrivateType ? 'PUBLIC' : 'PRIVATE';
    }
  }
  return { kind: operation.operation, scope, rootFields, selectionTags: [...selectionTags], rateLimited };
}
