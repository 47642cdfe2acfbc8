/**
 * The legacy DB-model validation (`model/validate`): a value the gateway should have rejected fails here and
 * the service answers 407 "proxy auth required" (legacy-api.md §5.1). Each rule returns a reason or undefined.
 */
export type Rule<T> = (value: T) => string | undefined;

const HANGUL = /^[\uAC00-\uD7A3]+$/;
const LOGIN_ID = /^[\x21-\x7E]{4,20}$/;
const PHONE = /^\d{11}$/;

export const inRange =
  (field: string, min: number, max: number): Rule<number> =>
  (value) =>
    Number.isInteger(value) && value >= min && value <= max ? undefined : `${field} must be in ${min}~${max}`;

export const loginId =
  (field: string): Rule<string> =>
  (value) =>
    LOGIN_ID.test(value) ? undefined : `${field} must be 4~20 ASCII characters`;

export const hangulName: Rule<string> = (value) =>
  [...value].length >= 2 && [...value].length <= 4 && HANGUL.test(value) ? undefined : 'name must be 2~4 Hangul';

/** Teacher names are not checked for Hangul, because PICK names arrive as they are (legacy-api.md §4.4). */
export const teacherName: Rule<string> = (value) =>
  [...value].length >= 2 && [...value].length <= 4 ? undefined : 'name must be 2~4 characters';

export const phoneNumber: Rule<string> = (value) => (PHONE.test(value) ? undefined : 'phone number must be 11 digits');

/** "" passes; anything else must pass the rule. */
export const optional =
  (rule: Rule<string>): Rule<string> =>
  (value) =>
    value === '' ? undefined : rule(value);

export const notEmpty =
  (field: string): Rule<string> =>
  (value) =>
    value === '' ? `${field} is empty` : undefined;

export const uuidOf =
  (kind: 'student' | 'teacher' | 'parent'): Rule<string> =>
  (value) =>
    new RegExp(`^${kind}-\\d{12}$`).test(value) ? undefined : `invalid ${kind} uuid: ${value}`;

/** The first failing rule's reason, or undefined when every check passes. */
export function firstProblem(checks: Array<[unknown, Rule<never>]>): string | undefined {
  for (const [value, rule] of checks) {
    const problem = (rule as Rule<unknown>)(value);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** A check pairs a value with its rule, typed so the value fits the rule. */
export function check<T>(value: T, rule: Rule<T>): [unknown, Rule<never>] {
  return [value, rule as Rule<never>];
}
