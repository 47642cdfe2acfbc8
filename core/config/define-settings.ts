import type { z } from 'zod';

/** The values of a set of settings once parsed: defaults applied, strings turned into numbers, lists, flags. */
export type SettingsOf<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/** A conflict between settings, printed as `SETTING: reason` beside the invalid values. */
export interface SettingProblem {
  /** The setting at fault, or several comma-separated when no single one is. */
  setting: string;
  reason: string;
}

/** A rule between settings that each may be valid alone but not together. */
export interface SettingRule<Env> {
  /**
   * The settings the rule reads. It runs only when each of them is valid: an invalid one is reported already and
   * its value cannot be trusted.
   */
  readonly reads: ReadonlyArray<keyof Env & string>;
  check(env: Env): SettingProblem | undefined;
}

/**
 * One concern's settings: the environment variables it owns (zod, each with its `@default`), the rules between
 * them, and how they become its part of `Config`. `core/config.ts` composes every concern into one parse.
 */
export interface SettingGroup<Own extends z.ZodRawShape, Uses extends z.ZodRawShape, Slice> {
  readonly env: Own;
  /** Settings another concern owns that this one reads (their schemas, for their types; parsed by their owner). */
  readonly uses: Uses;
  readonly rules: ReadonlyArray<SettingRule<SettingsOf<Own & Uses>>>;
  read(env: SettingsOf<Own & Uses>): Slice;
}

export function defineSettings<
  Own extends z.ZodRawShape,
  Slice,
  Uses extends z.ZodRawShape = Record<never, never>,
>(group: {
  env: Own;
  uses?: Uses;
  rules?: ReadonlyArray<SettingRule<NoInfer<SettingsOf<Own & Uses>>>>;
  read(env: NoInfer<SettingsOf<Own & Uses>>): Slice;
}): SettingGroup<Own, Uses, Slice> {
  return { env: group.env, uses: group.uses ?? ({} as Uses), rules: group.rules ?? [], read: group.read };
}

/** `NAME: needs OTHER too (and the other way round)` when exactly one of two settings that go together is set. */
export function bothOrNeither<Name extends string>(
  first: Name,
  second: Name,
): {
  // Spelled out rather than SettingRule<…>: compared member by member, a name the group lacks fails the typecheck.
  reads: readonly Name[];
  check(env: Partial<Record<Name, unknown>>): SettingProblem | undefined;
} {
  return {
    reads: [first, second],
    check: (env) =>
      (env[first] === undefined) !== (env[second] === undefined)
        ? { setting: first, reason: `needs ${second} too (and the other way round)` }
        : undefined,
  };
}
