import type { OutingSituation, OutingStatus } from '../generated/resolvers-types';

/** The outing service's status strings (a MySQL enum, legacy-api.md §4.1) ↔ `OutingStatus`. */
const STATUS_OF_LEGACY: Record<string, OutingStatus> = {
  '0': 'WAITING_FOR_PARENT',
  '1': 'WAITING_FOR_TEACHER',
  '-1': 'REJECTED_BY_PARENT',
  '2': 'APPROVED',
  '-2': 'REJECTED_BY_TEACHER',
  '3': 'OUT',
  '4': 'RETURNED',
  '5': 'CERTIFIED',
};

const LEGACY_OF_STATUS = Object.fromEntries(
  Object.entries(STATUS_OF_LEGACY).map(([legacy, status]) => [status, legacy]),
) as Record<OutingStatus, string>;

export function outingStatusOf(legacy: string): OutingStatus {
  const status = STATUS_OF_LEGACY[legacy];
  if (!status) throw new Error(`unknown outing status from the outing service: ${legacy}`);
  return status;
}

export function legacyOutingStatus(status: OutingStatus): string {
  return LEGACY_OF_STATUS[status];
}

/** The service stores the situation upper-case; the legacy gateway sent it lower-case, and so do we. */
export function outingSituationOf(legacy: string): OutingSituation {
  const situation = legacy.toUpperCase();
  if (situation !== 'NORMAL' && situation !== 'EMERGENCY') {
    throw new Error(`unknown outing situation from the outing service: ${legacy}`);
  }
  return situation;
}

export function legacyOutingSituation(situation: OutingSituation): string {
  return situation.toLowerCase();
}
