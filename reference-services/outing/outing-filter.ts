import type { GetOutingWithFilterRequest, Outing } from '../../grpc-clients/generated/outing/outing-teacher';
import type { CallContext } from '../shared/implement-service';
import type { OutingDeps } from './outing-deps';
import { fromKst, isLate, page, toKst } from './outing-rules';
import type { StudentInform } from './peer-lookups';
import type { OutingRecord } from './store';

/**
 * Which outings GetOutingWithFilter selects (legacy-api.md §4.1 "Filter semantics"):
 * - `start_time` ≠ 0: only status "5" outings starting in [start_time, end_time], limited by grade and/or class;
 * - else, by priority: grade (with optional class) → floor (club members) → everyone, each with `status`
 *   ("" = any). A class without a grade is ignored in this branch, as in the legacy use case.
 */
async function selectOutings(
  deps: OutingDeps,
  teacherUuid: string,
  request: GetOutingWithFilterRequest,
  ctx: CallContext,
): Promise<OutingRecord[]> {
  const { store, lookups } = deps;
  const all = store.all();
  const ofStudents = (uuids: string[]) => {
    const wanted = new Set(uuids);
    return all.filter((o) => wanted.has(o.studentUuid));
  };
  const withStatus = (outings: OutingRecord[]) =>
    request.status === '' ? outings : outings.filter((o) => o.status === request.status);

  if (request.startTime !== 0) {
    const from = toKst(request.startTime);
    const until = toKst(request.endTime);
    let candidates = all;
    if (request.grade !== 0 || request.group !== 0) {
      candidates = ofStudents(await lookups.studentUuidsByClass(teacherUuid, request.grade, request.group, ctx));
    }
    return candidates.filter((o) => o.status === '5' && o.startKst >= from && o.startKst <= until);
  }
  if (request.grade !== 0) {
    return withStatus(ofStudents(await lookups.studentUuidsByClass(teacherUuid, request.grade, request.group, ctx)));
  }
  if (request.floor !== 0) {
    return withStatus(ofStudents(await lookups.clubMembersOnFloor(teacherUuid, request.floor, ctx)));
  }
  return withStatus(all);
}

/** The selected outings, newest start first, sliced by `start`/`count` (0 = all), with the students' profiles. */
export async function filterOutings(
  deps: OutingDeps,
  teacherUuid: string,
  request: GetOutingWithFilterRequest,
  ctx: CallContext,
): Promise<Outing[]> {
  const selected = (await selectOutings(deps, teacherUuid, request, ctx)).sort((a, b) => b.startKst - a.startKst);
  const shown = page(selected, request.start, request.count);

  // Profiles are read as the calling teacher, once per student.
  const studentUuids = [...new Set(shown.map((o) => o.studentUuid))];
  const informs = new Map<string, StudentInform | undefined>(
    await Promise.all(
      studentUuids.map(async (uuid) => [uuid, await deps.lookups.student(teacherUuid, uuid, ctx)] as const),
    ),
  );
  return shown.map((outing) => {
    const student = informs.get(outing.studentUuid);
    return {
      outingId: outing.uuid,
      name: student?.Name ?? '',
      grade: student?.Grade ?? 0,
      group: student?.Group ?? 0,
      number: student?.StudentNumber ?? 0,
      place: outing.place,
      reason: outing.reason,
      startTime: fromKst(outing.startKst),
      endTime: fromKst(outing.endKst),
      status: outing.status,
      situation: outing.situation,
      isLate: isLate(outing.status, outing.arrivalKst, outing.endKst),
      arrivalTime: outing.arrivalKst === 0 ? 0 : fromKst(outing.arrivalKst),
    };
  });
}
