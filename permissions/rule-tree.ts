import { deny } from 'graphql-shield';
import { announcementRules } from './announcement-rules';
import { authRules } from './auth-rules';
import { baseRules } from './base-rules';
import { clubRules } from './club-rules';
import { outingRules } from './outing-rules';
import { denialFor } from './rules';
import { scheduleRules } from './schedule-rules';
import type { RuleTypeMap, ShieldOptions, ShieldRule } from './shield-types';

/** One rule tree over every domain; `Query` and `Mutation` are merged field by field. */
export function mergeRuleTrees(...trees: RuleTypeMap[]): RuleTypeMap {
  const merged: RuleTypeMap = {};
  for (const tree of trees) {
    for (const [type, fields] of Object.entries(tree)) {
      const target = (merged[type] ??= {});
      for (const [field, fieldRule] of Object.entries(fields)) {
        if (field in target) throw new Error(`permissions: ${type}.${field} has two rules`);
        target[field] = fieldRule;
      }
    }
  }
  return merged;
}

export const ruleTree = mergeRuleTrees(baseRules, authRules, clubRules, outingRules, scheduleRules, announcementRules);

/**
 * `fallbackRule: deny` closes every field without a rule. `allowExternalErrors` lets resolver errors (upstream
 * failures, business conflicts) through unchanged: Apollo's formatError masks the unknown ones. `debug` stays off
 * so a throwing rule denies instead of leaking.
 */
export const shieldOptions: ShieldOptions = {
  debug: false,
  allowExternalErrors: true,
  fallbackRule: deny,
  fallbackError: (_error, _parent, _args, context) => denialFor(context as never),
  // Only used by the `strict` cache, which no rule here uses (it hashes the whole parent of every field).
  hashFunction: ({ parent, args }) => JSON.stringify([parent, args]),
};

/** The rule of a field: its own, else its type's `'*'`, else the fallback (shield's lookup order). */
export function ruleOf(typeName: string, fieldName: string): ShieldRule {
  const fields = ruleTree[typeName];
  return fields?.[fieldName] ?? fields?.['*'] ?? (shieldOptions.fallbackRule as ShieldRule);
}
