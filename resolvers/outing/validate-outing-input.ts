import { invalidInput } from '../base/invalid-input';
import type { CreateOutingInput } from '../generated/resolvers-types';

/**
 * The legacy gateway's request rules for route 49 (legacy-api.md §1.7), with `place` capped at the DB column's 50
 * characters rather than the gateway's 150: longer places failed the insert with a 500 (QUIRK §6.7, not kept).
 */
const LIMITS = { place: 50, reason: 150 } as const;

export function validateCreateOutingInput(input: CreateOutingInput): void {
  for (const field of ['place', 'reason'] as const) {
    const length = [...input[field]].length;
    if (length === 0 || length > LIMITS[field]) {
      throw invalidInput(`${field} must be 1–${LIMITS[field]} characters`);
    }
  }
}
