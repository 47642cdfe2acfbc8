import type { InputMaybe } from '../generated/resolvers-types';

const DEFAULT_SIZE = 10;

/**
 * `page`/`size` as the service's `start`/`count`: a zero-based page index and a page size (Spring's
 * `PageRequest.of`, legacy-api.md §0.7). `@constraint` keeps them in range (page ≥ 0, size 1–100): out-of-range
 * values made Spring throw, a 500.
 */
export function pageArgs(page: InputMaybe<number>, size: InputMaybe<number>): { start: number; count: number } {
  return { start: page ?? 0, count: size ?? DEFAULT_SIZE };
}
