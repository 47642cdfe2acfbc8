/*
 * The rules' walker as it ran in production before the operation plan (permissions/check-operation.ts at commit
 * 24932f7), kept as the oracle of test/unit/graphql/operation-plan.test.ts: the plan must decide as it did.
 */
import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getDirectiveValues, getVariableValues } from 'graphql/execution/values';
import type { Path } from 'graphql/jsutils/Path';
import { withoutStack } from '../../../core/errors';
import { ruleOf, shieldOptions } from '../../../permissions/rule-tree';
import { denialFor } from '../../../permissions/rules';
import { definitionOf } from '../../../permissions/rule-definitions';

const PARENT_RULES = { has: (rule: ShieldRule) => definitionOf(rule)?.inputs === 'parent' };
import type { ShieldRule } from '../../../permissions/shield-types';

/**
 * Shield's rules, evaluated once per operation before execution instead of around every resolved value.
 *
 * graphql-middleware wraps every field of every object in an async function (libraries.md §3), so a list of 100
 * clubs pays for each club, leader and member field. The rules here mostly depend on the caller and the
 * arguments, which are known before execution: walking the operation's selected fields once costs the size of
 * the query, not of the result, and a denial stops the operation before any resolver (and so any backend call)
 * runs. The few rules that need the object a field belongs to (`PARENT_RULES`) are checked at resolve time on
 * just those fields, by `wrapParentRuleFields`.
 */

interface FieldCheck {
  rule: ShieldRule;
  args: Record<string, unknown>;
  info: GraphQLResolveInfo;
}

interface Walk {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
  checks: FieldCheck[];
}

function included(node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>) {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

/** The object types a selection on `type` can meet at run time. */
function objectTypesOf(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [];
}

function walkSelections(
  walk: Walk,
  selectionSet: SelectionSetNode,
  types: readonly GraphQLObjectType[],
  path: Path | undefined,
  seenFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(selection, walk.variableValues)) continue;
    if (selection.kind === Kind.FIELD) {
      walkField(walk, selection, types, path, seenFragments);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
    if (!fragment) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      // Validation forbids fragment cycles; this guards against an unvalidated document anyway.
      if (seenFragments.has(selection.name.value)) continue;
      seenFragments = new Set(seenFragments).add(selection.name.value);
    }
    const condition = fragment.typeCondition && walk.schema.getType(fragment.typeCondition.name.value);
    const narrowed = condition
      ? types.filter((type) => objectTypesOf(walk.schema, condition as GraphQLCompositeType).includes(type))
      : types;
    walkSelections(walk, fragment.selectionSet, narrowed, path, seenFragments);
  }
}

function walkField(
  walk: Walk,
  node: FieldNode,
  types: readonly GraphQLObjectType[],
  path: Path | undefined,
  seenFragments: Set<string>,
): void {
  const fieldName = node.name.value;
  // __typename and introspection are not data; whether introspection is open is the hardening settings' call.
  if (fieldName.startsWith('__')) return;
  const key = node.alias?.value ?? fieldName;
  const children = new Map<string, { field: GraphQLField<unknown, unknown>; path: Path }>();
  for (const parentType of types) {
    const field = parentType.getFields()[fieldName];
    if (!field) continue;
    const fieldPath: Path = { prev: path, key, typename: parentType.name };
    const rule = ruleOf(parentType.name, fieldName);
    if (!PARENT_RULES.has(rule)) {
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, node, walk.variableValues);
      } catch {
        continue; // an invalid argument fails the field in execution before its resolver runs
      }
      walk.checks.push({ rule, args, info: infoOf(walk, node, field, parentType, fieldPath) });
    }
    const returnType = getNamedType(field.type);
    if (node.selectionSet && !children.has(returnType.name)) children.set(returnType.name, { field, path: fieldPath });
  }
  if (!node.selectionSet) return;
  for (const { field, path: childPath } of children.values()) {
    const objectTypes = objectTypesOf(walk.schema, getNamedType(field.type) as GraphQLCompositeType);
    walkSelections(walk, node.selectionSet, objectTypes, childPath, seenFragments);
  }
}

/** What the rules may read of `info` before execution: no parent value and no list indexes in the path. */
function infoOf(
  walk: Walk,
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  parentType: GraphQLObjectType,
  path: Path,
): GraphQLResolveInfo {
  return {
    fieldName: field.name,
    fieldNodes: [node],
    returnType: field.type,
    parentType,
    path,
    schema: walk.schema,
    fragments: walk.fragments,
    rootValue: undefined,
    operation: walk.operation,
    variableValues: walk.variableValues,
  };
}

function pathArray(path: Path | undefined): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let p = path; p; p = p.prev) keys.unshift(p.key);
  return keys;
}

/** A rule's answer as an error, or undefined when it allows; `false` means shield's fallback error. */
function denialOf(result: boolean | string | Error, context: object): Error | undefined {
  if (result === true) return undefined;
  if (result instanceof Error) return result;
  if (typeof result === 'string') return new Error(result);
  return denialFor(context as never);
}

export interface OperationToCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  contextValue: object;
}

/**
 * Every rule of every selected field (with its coerced arguments), evaluated once; the denials as GraphQL errors
 * at the field's path. An empty list means the operation may run.
 */
export async function checkOperation(op: OperationToCheck): Promise<GraphQLError[]> {
  const operation = getOperationAST(op.document, op.operationName);
  if (!operation) return []; // execute reports the missing operation
  const root = op.schema.getRootType(operation.operation);
  if (!root) return [];
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of op.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  // The rules see coerced arguments, defaults applied, as resolvers would; invalid variables are execution's to report.
  const variables = getVariableValues(op.schema, operation.variableDefinitions ?? [], op.variableValues ?? {});
  if (variables.errors) return [];
  const walk: Walk = { schema: op.schema, operation, fragments, variableValues: variables.coerced, checks: [] };
  walkSelections(walk, operation.selectionSet, [root], undefined, new Set());

  const context = op.contextValue as { _shield?: { cache: Record<string, unknown> } };
  context._shield ??= { cache: {} };
  const denials = await Promise.all(
    walk.checks.map(async (check) => {
      const result = await check.rule.resolve({}, check.args, context as never, check.info, shieldOptions);
      const denial = denialOf(result, context);
      // A refusal: no stack to capture (graphql-js would capture one per denied field).
      return (
        denial &&
        withoutStack(
          () => new GraphQLError(denial.message, { path: pathArray(check.info.path), originalError: denial }),
        )
      );
    }),
  );
  return denials.filter((denial): denial is GraphQLError => denial !== undefined);
}
