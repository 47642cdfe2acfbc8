export { usePermissions } from './use-permissions';
export { applyShield } from './shield-permissions';
export { checkOperation } from './check-operation';
export { ruleTree, ruleOf, shieldOptions } from './rule-tree';
