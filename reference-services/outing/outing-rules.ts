import { KST_OFFSET_SECONDS } from '../shared/clock';
import type { OutingStatus } from './store';

const DAY_SECONDS = 86_400;

/** True unix seconds → the stored KST wall-clock value (legacy-api.md §0.7). */
export function toKst(unixSeconds: number): number {
  return unixSeconds + KST_OFFSET_SECONDS;
}

/** The stored KST wall-clock value → true unix seconds, as every reply carries them. */
export function fromKst(kstSeconds: number): number {
  return kstSeconds - KST_OFFSET_SECONDS;
}

/** 00:00 of the KST day containing a stored KST wall-clock value. */
export function kstMidnight(kstSeconds: number): number {
  return Math.floor(kstSeconds / DAY_SECONDS) * DAY_SECONDS;
}

/**
 * CreateOuting's time rules, in the legacy order; returns the 400 message of the first one broken
 * (legacy-api.md §4.1). The messages are the legacy exception texts.
 */
export function createTimeProblem(startUnix: number, endUnix: number, nowUnix: number): string | undefined {
  const startKst = toKst(startUnix);
  // "End ≤ midnight after the start date": ending exactly at 24:00 KST is allowed.
  if (toKst(endUnix) > kstMidnight(startKst) + DAY_SECONDS) {
    return 'The end time cannot be the day after the start time.';
  }
  // The legacy check is `now > start`, so a start equal to now passes. The message text is the legacy one.
  if (nowUnix > startUnix) return 'The start time must be earlier than the current time.';
  if (kstMidnight(toKst(nowUnix)) !== kstMidnight(startKst)) return 'Start time should be today.';
  if (startUnix >= endUnix) return 'The start time cannot be bigger than the end time.';
  return undefined;
}

/** Outing status codes (v1-utils `code/python/outing.py`, legacy-api.md §4.1). */
export const OUTING_CODE = {
  notApprovedByParents: -2101,
  rejectedByParents: -2102,
  alreadyConfirmedByParents: -2103,
  notApprovedByTeacher: -2104,
  rejectedByTeacher: -2105,
  alreadyConfirmedByTeacher: -2106,
  notOut: -2107,
  alreadyOut: -2108,
  alreadyFinished: -2110,
  notFound: -2301,
  modifyNotWaiting: -2400,
  outingExists: -2401,
  unauthorized: -2601,
  flow: -1000,
} as const;

/** Every state change an outing can go through, keyed by the action route 53 names (plus `modify`). */
export type OutingAction =
  'approve' | 'reject' | 'start' | 'end' | 'certify' | 'modify' | 'parent-approve' | 'parent-reject';

interface Transition {
  /** The status after the action; undefined when the action does not change it (modify). */
  to?: OutingStatus;
  /** The 409 code for a status the action may not start from; undefined when allowed. */
  conflict(from: OutingStatus): number | undefined;
}

const C = OUTING_CODE;

/** The pre-condition table of legacy-api.md §4.1, one row per action. */
export const TRANSITIONS: Record<OutingAction, Transition> = {
  approve: {
    to: '2',
    conflict: (from) => {
      if (from === '1') return undefined;
      if (from === '0') return C.notApprovedByParents;
      if (from === '-1') return C.rejectedByParents;
      return Number(from) > 1 ? C.alreadyConfirmedByTeacher : C.flow;
    },
  },
  reject: {
    to: '-2',
    conflict: (from) => {
      if (from === '1') return undefined;
      if (from === '0') return C.notApprovedByParents;
      if (from === '-1') return C.rejectedByParents;
      return C.alreadyConfirmedByTeacher;
    },
  },
  start: {
    to: '3',
    conflict: (from) =>
      ({
        '2': undefined,
        '0': C.notApprovedByParents,
        '-1': C.rejectedByParents,
        '1': C.notApprovedByTeacher,
        '-2': C.rejectedByTeacher,
        '3': C.alreadyOut,
        '4': C.flow,
        '5': C.flow,
      })[from],
  },
  end: {
    to: '4',
    conflict: (from) =>
      ({
        '3': undefined,
        '0': C.notApprovedByParents,
        '-1': C.rejectedByParents,
        '1': C.notApprovedByTeacher,
        '-2': C.rejectedByTeacher,
        '2': C.notOut,
        '4': C.alreadyFinished,
        '5': C.alreadyFinished,
      })[from],
  },
  // QUIRK (legacy-api.md §4.1, §6.6): the legacy use case builds the −2101…−2111 exceptions without raising
  // them, so certify succeeds from every status.
  certify: { to: '5', conflict: () => undefined },
  modify: { conflict: (from) => (from === '1' ? undefined : C.modifyNotWaiting) },
  'parent-approve': { to: '1', conflict: (from) => (from === '0' ? undefined : C.alreadyConfirmedByParents) },
  'parent-reject': { to: '-1', conflict: (from) => (from === '0' ? undefined : C.alreadyConfirmedByParents) },
};

/** `is_late` of the filter list: only known once the student is back (status 4 or 5). */
export function isLate(status: OutingStatus, arrivalKst: number, endKst: number): boolean {
  return Number(status) >= 4 && arrivalKst > endKst;
}

/**
 * The PICK class period (8, 9 or 10) of a KST wall-clock time, as the legacy PICK client computed it: self-study
 * periods start at 18:40 and 19:40.
 */
export function classPeriod(kstSeconds: number): number {
  const date = new Date(kstSeconds * 1000);
  const hour = date.getUTCHours();
  const minute = date.getUTCMinutes();
  if (hour >= 20) return 10;
  if (hour === 19) return minute > 40 ? 10 : 9;
  if (hour === 18) return minute > 40 ? 9 : 8;
  return 8;
}

/** The periods an outing from `fromKst` to `untilKst` covers (at least one). */
export function coveredPeriods(fromKst: number, untilKst: number): number[] {
  const first = classPeriod(fromKst);
  const last = Math.max(first, classPeriod(untilKst));
  const periods: number[] = [];
  for (let period = first; period <= last; period += 1) periods.push(period);
  return periods;
}

/** Offset paging of the outing lists: `count` 0 means "the rest" (legacy-api.md §0.5, §0.7). */
export function page<T>(items: T[], start: number, count: number): T[] {
  const from = Math.max(0, start);
  return count > 0 ? items.slice(from, from + count) : items.slice(from);
}
