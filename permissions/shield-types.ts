import type { GraphQLResolveInfo } from 'graphql';
import type { shield } from 'graphql-shield';

// graphql-shield 7 exports only `IRules` and `IRule` from its entry point; these are the shapes used here.

/** A rule or logic rule (`allow`, `deny`, `rule(...)`, `and(...)`): shield calls `resolve` for every check. */
export interface ShieldRule {
  resolve(
    parent: object,
    args: object,
    ctx: never,
    info: GraphQLResolveInfo,
    options: ShieldOptions,
  ): Promise<boolean | string | Error>;
}

export type ShieldOptions = NonNullable<Parameters<typeof shield>[1]>;
export type RuleFieldMap = Record<string, ShieldRule>;
/** A rule tree: type name → field name (or `'*'`, the type's default) → rule. */
export type RuleTypeMap = Record<string, RuleFieldMap>;
