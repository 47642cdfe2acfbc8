/**
 * The `Get*UUIDsWithInform` filters (legacy-api.md §1.3 route 12): ints must match exactly, strings match as
 * substrings (SQL LIKE %v%), and 0/"" means "ignore this field".
 */
export type InformFilter = Record<string, number | string>;

export function isEmptyFilter(filter: InformFilter): boolean {
  return Object.values(filter).every((value) => value === 0 || value === '');
}

export function matchesFilter(filter: InformFilter, row: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([field, wanted]) => {
    if (wanted === 0 || wanted === '') return true;
    const actual = row[field];
    if (typeof wanted === 'number') return actual === wanted;
    return typeof actual === 'string' && actual.includes(wanted);
  });
}
