export { applyShield } from './shield-permissions';
export { authorizeField, createRuleMemo, fieldCheckOf } from './authorize-field';
export { wrapParentRuleFields } from './parent-rule-fields';
export { ruleTree, ruleOf, shieldOptions } from './rule-tree';
