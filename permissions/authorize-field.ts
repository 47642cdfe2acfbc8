import { allow } from 'graphql-shield';
import type { Caller } from '../core/access-tokens';
import { ruleOf } from './rule-tree';
import { definitionOf, type RuleContext, type RuleDefinition, type Verdict } from './rule-definitions';
import { denialFor } from './rules';
import type { ShieldRule } from './shield-types';

/**
 * How one field is authorized where it sits in an operation, decided once per field position:
 * - `allow`: nothing to check;
 * - `caller`: the verdict depends only on who asks: `verdictFor(caller)` is the same for every caller of a role;
 * - `arguments`: decided per request from the arguments, with the rule's one look-up;
 * - `parent`: decided as the field resolves, from its object (`parent-rule-fields.ts`).
 */
export type FieldCheck =
  | { kind: 'allow' }
  | { kind: 'caller'; verdictFor(caller: Caller | undefined): Verdict }
  | { kind: 'arguments'; definition: RuleDefinition }
  | { kind: 'parent'; definition: RuleDefinition };

/** Verdicts of caller-only rules, per rule and role: computed once, shared by every request. */
const VERDICTS = new WeakMap<object, Map<string, Verdict>>();

function memoisedByRole(key: object, position: string, decide: (caller: Caller | undefined) => Verdict) {
  return (caller: Caller | undefined): Verdict => {
    let byRole = VERDICTS.get(key);
    if (!byRole) VERDICTS.set(key, (byRole = new Map()));
    const role = `${caller?.role ?? ''}|${position}`;
    let verdict = byRole.get(role);
    if (verdict === undefined) byRole.set(role, (verdict = decide(caller)));
    return verdict;
  };
}

/** The rule tree's rule for `Type.field`, and what deciding it takes; `inLoginReply` says where the field sits. */
export function fieldCheckOf(typeName: string, fieldName: string, inLoginReply = false): FieldCheck {
  const rule: ShieldRule = ruleOf(typeName, fieldName);
  if (rule === (allow as unknown as ShieldRule)) return { kind: 'allow' };
  const definition = definitionOf(rule);
  // shield's `deny` (the fallback of a field without a rule): the caller decides between 401 and 403.
  if (!definition) return { kind: 'caller', verdictFor: memoisedByRole(rule, '', (caller) => denialFor({ caller })) };
  const decideFor = (caller: Caller | undefined) =>
    settledVerdict(definition, { args: {}, context: { caller } as RuleContext, parent: undefined, inLoginReply });
  switch (definition.inputs) {
    case 'caller':
      return { kind: 'caller', verdictFor: memoisedByRole(definition, '', decideFor) };
    case 'caller-and-position':
      return { kind: 'caller', verdictFor: memoisedByRole(definition, String(inLoginReply), decideFor) };
    case 'arguments':
      return { kind: 'arguments', definition };
    case 'parent':
      return { kind: 'parent', definition };
  }
}

/** A caller-only rule decides synchronously from the caller alone. */
function settledVerdict(definition: RuleDefinition, input: Parameters<RuleDefinition['decide']>[0]): Verdict {
  const verdict = definition.decide(input);
  if (verdict instanceof Promise) throw new Error(`permissions: ${definition.name} reads only the caller but is async`);
  return verdict;
}

/**
 * Decisions already made in one request, so a rule asked twice with the same arguments (two aliases of one field,
 * a guard and then its handler) decides once. One per request; never shared between callers.
 */
export type RuleMemo = Map<string, Promise<Verdict>>;

export const createRuleMemo = (): RuleMemo => new Map();

/** Decides an `arguments` or `parent` rule for one request; a rule that throws denies (as shield's would). */
export function decideRule(
  definition: RuleDefinition,
  input: { args: Readonly<Record<string, unknown>>; context: RuleContext; parent?: unknown },
  memo: RuleMemo,
): Promise<Verdict> {
  const key = `${definition.name}\u0000${definition.inputs === 'parent' ? (input.parent as { id?: unknown })?.id : ''}\u0000${JSON.stringify(input.args)}`;
  let verdict = memo.get(key);
  if (!verdict) {
    verdict = Promise.resolve()
      .then(() => definition.decide({ ...input, parent: input.parent, inLoginReply: false }))
      .catch(() => denialFor(input.context));
    memo.set(key, verdict);
  }
  return verdict;
}

/**
 * May this caller use `Type.field` with these arguments? The one authorization entry point of both front doors:
 * GraphQL decides through the operation plan (which calls the same pieces once per operation), the legacy REST
 * routes ask it for the field each route corresponds to. A parent rule needs the object (`parent`); without it
 * the rule is left to the field's resolver.
 */
export function authorizeField(
  coordinate: string,
  args: Readonly<Record<string, unknown>>,
  context: RuleContext,
  options: { memo?: RuleMemo; parent?: unknown } = {},
): Promise<Verdict> {
  const dot = coordinate.indexOf('.');
  const check = fieldCheckOf(coordinate.slice(0, dot), coordinate.slice(dot + 1));
  const memo = options.memo ?? createRuleMemo();
  switch (check.kind) {
    case 'allow':
      return Promise.resolve(true);
    case 'parent':
      // Without the object the rule cannot decide: the field's resolver will (GraphQL), or the caller names it.
      if (options.parent === undefined) return Promise.resolve(true);
      return decideRule(check.definition, { args, context, parent: options.parent }, memo);
    case 'caller':
      return Promise.resolve(check.verdictFor(context.caller));
    case 'arguments':
      return decideRule(check.definition, { args, context }, memo);
  }
}
