/**
 * Targets travel as digit sets (legacy-api.md §4.5): `13` means grades 1 and 3, `1234` every class, 0 nobody.
 * `@constraint` keeps each element a single digit (grades 1–3, classes 1–4); here they are deduplicated and sorted.
 */
export function encodeTargets(values: readonly number[]): number {
  const digits = [...new Set(values)].sort((a, b) => a - b);
  return digits.length === 0 ? 0 : Number(digits.join(''));
}

/** The targets of a stored digit set, ascending, without repeats; 0 gives an empty list. */
export function decodeTargets(digitSet: number): number[] {
  const digits = new Set(String(digitSet).split('').map(Number));
  digits.delete(0);
  return [...digits].sort((a, b) => a - b);
}
