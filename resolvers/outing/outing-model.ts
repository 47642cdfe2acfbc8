import type { OutingSnapshot } from '../../live/live-events';
import type { StudentOuting, GetOutingInformResponse } from '../../grpc-clients/generated/outing/outing-student';
import type { Outing as FilteredOuting } from '../../grpc-clients/generated/outing/outing-teacher';
import type { OutingStatus } from '../generated/resolvers-types';
import { outingSituationOf, outingStatusOf } from './outing-enums';
import { msOfOptionalSeconds, msOfSeconds } from './outing-times';
import type { OutingModel } from './models';

/** `is_late` is only meaningful once the student is back (legacy-api.md §4.1). */
function isLateOf(status: OutingStatus, late: () => boolean): boolean | null {
  return status === 'RETURNED' || status === 'CERTIFIED' ? late() : null;
}

/** A row of GetStudentOutings: the caller's own outing, so the student is the caller. */
export function outingOfStudentRow(row: StudentOuting, studentId: string): OutingModel {
  const status = outingStatusOf(row.status);
  return {
    id: row.outingId,
    student: { id: studentId },
    place: row.place,
    reason: row.reason,
    situation: outingSituationOf(row.situation),
    status,
    startsAt: msOfSeconds(row.startTime),
    endsAt: msOfSeconds(row.endTime),
    arrivedAt: msOfOptionalSeconds(row.arrivalTime),
    // The service computes is_late for the teacher filter only; the same rule from the same two times.
    isLate: isLateOf(status, () => row.arrivalTime > row.endTime),
  };
}

/** GetOutingInform: no arrival time in this read, so `arrivedAt` and `isLate` stay unknown. */
export function outingOfInform(reply: GetOutingInformResponse): OutingModel {
  return {
    id: reply.outingId,
    student: { id: reply.studentUuid },
    place: reply.place,
    reason: reply.reason,
    situation: outingSituationOf(reply.outingSituation),
    status: outingStatusOf(reply.outingStatus),
    startsAt: msOfSeconds(reply.startTime),
    endsAt: msOfSeconds(reply.endTime),
    arrivedAt: null,
    isLate: null,
  };
}

/** A row of GetOutingWithFilter: the student is named by grade, class and number instead of the uuid. */
export function outingOfFilterRow(row: FilteredOuting): OutingModel {
  const status = outingStatusOf(row.status);
  return {
    id: row.outingId,
    student: { grade: row.grade, classNumber: row.group, number: row.number, name: row.name },
    place: row.place,
    reason: row.reason,
    situation: outingSituationOf(row.situation),
    status,
    startsAt: msOfSeconds(row.startTime),
    endsAt: msOfSeconds(row.endTime),
    arrivedAt: msOfOptionalSeconds(row.arrivalTime),
    isLate: isLateOf(status, () => row.isLate),
  };
}

/** An outing of a live update event: the facts read back after the write, the student by id. */
export function outingOfSnapshot(snapshot: OutingSnapshot): OutingModel {
  const { studentId, ...fields } = snapshot;
  return { ...fields, student: { id: studentId } };
}
