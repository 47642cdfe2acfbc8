import type { GraphQLResolveInfo } from 'graphql';
import { rule } from 'graphql-shield';
import type { GatewayError } from '../core/errors';
import type { GraphQLContext } from '../src/context';
import type { ShieldRule } from './shield-types';

/** A rule's answer: allowed, or the gateway error the caller gets (never `false`, never a throw). */
export type Verdict = true | GatewayError;

/** What a rule may read of the request: the caller, and the clients its one look-up goes through. */
export type RuleContext = Pick<GraphQLContext, 'caller' | 'clients' | 'loaders'>;

/**
 * What a rule decides from, so that the rule's decision can be made as early and as rarely as its inputs allow:
 * - `caller`: only who asks (a role, or no one): decided once per role, for every request;
 * - `caller-and-position`: who asks and whether the field sits in a login reply (known from the operation);
 * - `arguments`: the field's arguments, often with one look-up (an outing's owner, the caller's club);
 * - `parent`: the object the field belongs to, known only as it resolves.
 */
export type RuleInputs = 'caller' | 'caller-and-position' | 'arguments' | 'parent';

export interface RuleInput {
  args: Readonly<Record<string, unknown>>;
  context: RuleContext;
  /** The object the field belongs to (`parent` rules only). */
  parent: unknown;
  /** The field is read inside a `LoginResult` (`caller-and-position` rules only). */
  inLoginReply: boolean;
}

export interface RuleDefinition {
  name: string;
  inputs: RuleInputs;
  decide(input: RuleInput): Verdict | Promise<Verdict>;
}

const DEFINITIONS = new WeakMap<ShieldRule, RuleDefinition>();

/** How graphql-shield's own middleware memoises the rule within a request (unused by the gateway's evaluator). */
type ShieldCacheOption = NonNullable<NonNullable<Parameters<typeof rule>[1]>['cache']>;

/**
 * A rule of the rule tree: a graphql-shield rule (so graphql-shield's own middleware can still apply the tree, as
 * the overhead benchmark does) that also carries its plain decision and its inputs, which the gateway evaluates
 * itself, once per operation or route, without shield's per-request cache or a resolve info.
 */
export function defineRule(definition: RuleDefinition, cache: ShieldCacheOption = 'no_cache'): ShieldRule {
  const shieldRule = rule(definition.name, { cache })(
    (parent: unknown, args: Record<string, unknown>, context: RuleContext, info: GraphQLResolveInfo) =>
      definition.decide({ args, context, parent, inLoginReply: info?.path?.prev?.typename === 'LoginResult' }),
  ) as unknown as ShieldRule;
  DEFINITIONS.set(shieldRule, definition);
  return shieldRule;
}

/** The plain decision behind a rule of the tree; undefined for shield's own `allow` and `deny`. */
export function definitionOf(shieldRule: ShieldRule): RuleDefinition | undefined {
  return DEFINITIONS.get(shieldRule);
}
