import type { InputMaybe } from '../generated/resolvers-types';
import { invalidInput } from '../base/invalid-input';

const DEFAULT_SIZE = 10;
const MAX_SIZE = 100;

/**
 * `page`/`size` as the service's `start`/`count`: a zero-based page index and a page size (Spring's
 * `PageRequest.of`, legacy-api.md §0.7). Out-of-range values made Spring throw, a 500; here they are bad input.
 */
export function pageArgs(page: InputMaybe<number>, size: InputMaybe<number>): { start: number; count: number } {
  const start = page ?? 0;
  const count = size ?? DEFAULT_SIZE;
  if (start < 0) throw invalidInput('page must not be negative');
  if (count < 1 || count > MAX_SIZE) throw invalidInput(`size must be 1 to ${MAX_SIZE}`);
  return { start, count };
}
