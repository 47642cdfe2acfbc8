const INTEGER = /^[+-]?\d+$/;

/**
 * The club service stores floors and recruitment numbers as strings; the legacy gateway turned them into
 * numbers only when they were numeric (legacy-api.md §1.6 route 30, §4.3), so anything else becomes null here.
 */
export function intOrNull(value: string): number | null {
  return INTEGER.test(value) ? Number(value) : null;
}
