import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { createRuleMemo, decideRule, fieldCheckOf, type RuleMemo } from './authorize-field';
import type { RuleContext } from './rule-definitions';

const WRAPPED = new WeakSet<GraphQLSchema>();
/** One memo per request (the context object), so a list of 100 students reads each parent rule once per parent. */
const MEMOS = new WeakMap<object, RuleMemo>();

/**
 * Checks the rules that need the object a field belongs to (`inputs: 'parent'`) as the field resolves: they
 * cannot be decided before execution. The schema's other fields keep their resolvers untouched. Changes the
 * schema in place, once.
 */
export function wrapParentRuleFields(schema: GraphQLSchema): GraphQLSchema {
  if (WRAPPED.has(schema)) return schema;
  WRAPPED.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const check = fieldCheckOf(type.name, field.name);
      if (check.kind !== 'parent') continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context: RuleContext, info) => {
        let memo = MEMOS.get(context);
        if (!memo) MEMOS.set(context, (memo = createRuleMemo()));
        const verdict = await decideRule(check.definition, { args, context, parent }, memo);
        if (verdict !== true) throw verdict;
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
