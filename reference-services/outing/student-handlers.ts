import {
  OutingStudentService,
  type OutingStudentServer,
  type StudentOuting,
} from '../../grpc-clients/generated/outing/outing-student';
import { kstDate } from '../shared/clock';
import { implementService, type CallContext } from '../shared/implement-service';
import { outingConvention } from '../shared/conventions';
import type { SnakeStatus } from '../shared/status';
import { nowSeconds, type OutingDeps } from './outing-deps';
import { TRANSITIONS, coveredPeriods, createTimeProblem, fromKst, kstMidnight, page, toKst } from './outing-rules';
import type { StudentInform } from './peer-lookups';
import { reply } from './replies';
import type { OutingRecord } from './store';

/** The legacy DB columns: `place` is VARCHAR(50) although the gateway lets 150 characters through. */
const PLACE_COLUMN_LENGTH = 50;
const SITUATIONS = new Set(['NORMAL', 'EMERGENCY']);

function toStudentOuting(outing: OutingRecord): StudentOuting {
  return {
    outingId: outing.uuid,
    place: outing.place,
    reason: outing.reason,
    startTime: fromKst(outing.startKst),
    endTime: fromKst(outing.endKst),
    situation: outing.situation,
    status: outing.status,
    arrivalTime: outing.arrivalKst === 0 ? 0 : fromKst(outing.arrivalKst),
  };
}

/** OutingStudent (legacy-api.md §5.4): a student's own outings, plus FinishGoOut, which is a teacher action. */
export function createStudentHandlers(deps: OutingDeps): OutingStudentServer {
  const { store, lookups, clock, sms, pick } = deps;

  /**
   * The read check of GetOutingInform / GetCardAboutOuting: students and parents pass the first check, then the
   * owner check lets only the owning student through (legacy-api.md §1.7 route 51).
   */
  const readableOuting = async (
    uuid: string,
    outingId: string,
    ctx: CallContext,
  ): Promise<{ error: SnakeStatus } | { outing: OutingRecord; student: StudentInform }> => {
    const student = await lookups.studentSelf(uuid, ctx);
    if (!student && !(await lookups.isParent(uuid, ctx))) return { error: reply.forbidden() };
    const outing = store.get(outingId);
    if (!outing) return { error: reply.outingNotFound() };
    if (!student || outing.studentUuid !== uuid) return { error: reply.forbidden() };
    return { outing, student };
  };

  return implementService(
    OutingStudentService,
    outingConvention,
    {
      async createOuting(request, ctx) {
        const student = await lookups.studentSelf(request.uuid, ctx);
        if (!student) return reply.forbidden();
        const now = nowSeconds(clock);
        const problem = createTimeProblem(request.startTime, request.endTime, now);
        if (problem) return reply.badRequest(problem);

        const startKst = toKst(request.startTime);
        const dayStart = kstMidnight(startKst);
        const sameDay = store
          .all()
          .some((o) => o.studentUuid === request.uuid && o.startKst >= dayStart && o.startKst < dayStart + 86_400);
        if (sameDay) return reply.outingExists();

        const situation = request.situation.toUpperCase();
        // The MySQL enum and VARCHAR(50) rejected these on insert; the Python service answered 500 with the
        // driver's text. QUIRK (legacy-api.md §6.7): the gateway accepts 150 characters for `place`.
        if (!SITUATIONS.has(situation)) throw new Error(`Data truncated for column 'situation' at row 1`);
        if (request.place.length > PLACE_COLUMN_LENGTH) throw new Error(`Data too long for column 'place' at row 1`);

        const uuid = store.mintUuid();
        // Since 2021-03-23 the parent step is skipped: status "1", no confirm code, no parent SMS (§4.1).
        store.save({
          uuid,
          studentUuid: request.uuid,
          status: '1',
          situation,
          place: request.place,
          reason: request.reason,
          startKst,
          endKst: toKst(request.endTime),
          arrivalKst: 0,
          acceptedTeacher: '',
        });
        return { ...reply.created(), outingId: uuid };
      },

      async getStudentOutings(request, ctx) {
        if (!(await lookups.studentSelf(request.uuid, ctx))) return reply.forbidden();
        if (request.studentId !== request.uuid) return reply.forbidden();
        const outings = store
          .all()
          .filter((o) => o.studentUuid === request.studentId)
          .sort((a, b) => b.endKst - a.endKst);
        // The gateway turns count 0 into 10 (§0.5); a direct caller's 0 means "the rest", as in the filter.
        return { ...reply.ok(), outing: page(outings, request.start, request.count).map(toStudentOuting) };
      },

      async getOutingInform(request, ctx) {
        const found = await readableOuting(request.uuid, request.outingId, ctx);
        if ('error' in found) return found.error;
        const { outing } = found;
        return {
          ...reply.ok(),
          outingId: outing.uuid,
          place: outing.place,
          reason: outing.reason,
          startTime: fromKst(outing.startKst),
          endTime: fromKst(outing.endKst),
          outingSituation: outing.situation,
          outingStatus: outing.status,
          studentUuid: outing.studentUuid,
        };
      },

      async getCardAboutOuting(request, ctx) {
        const found = await readableOuting(request.uuid, request.outingId, ctx);
        if ('error' in found) return found.error;
        const { outing, student } = found;
        return {
          ...reply.ok(),
          place: outing.place,
          startTime: fromKst(outing.startKst),
          endTime: fromKst(outing.endKst),
          outingStatus: outing.status,
          reason: outing.reason,
          name: student.Name,
          grade: student.Grade,
          group: student.Group,
          number: student.StudentNumber,
          profileImageUri: student.ImageURI,
        };
      },

      async startGoOut(request, ctx) {
        const student = await lookups.studentSelf(request.uuid, ctx);
        if (!student) return reply.forbidden();
        const outing = store.get(request.outingId);
        if (!outing) return reply.outingNotFound();
        if (outing.studentUuid !== request.uuid) return reply.forbidden();
        const conflict = TRANSITIONS.start.conflict(outing.status);
        if (conflict !== undefined) return reply.flowConflict(conflict);

        store.save({ ...outing, status: '3' });
        // Side effects run after the save, as in the legacy use case: a failure here answers 500 but the
        // outing stays "3".
        const parentPhone = await lookups.parentPhone(request.uuid, ctx);
        if (parentPhone) {
          await sms.send(parentPhone, `[${student.Name} 학생 외출 시작]\n${student.Name}학생이 외출을 시작하였습니다.`);
        }
        const now = nowSeconds(clock);
        await pick.recordAbsence({
          studentUuid: request.uuid,
          kind: '외출',
          periods: coveredPeriods(toKst(now), outing.endKst),
          date: kstDate(now),
        });
        return reply.ok();
      },

      // QUIRK (legacy-api.md §6.6): "end" lives in OutingStudent but only a teacher may call it.
      async finishGoOut(request, ctx) {
        if (!(await lookups.teacherSelf(request.uuid, ctx))) return reply.forbidden();
        const outing = store.get(request.outingId);
        if (!outing) return reply.outingNotFound();
        const conflict = TRANSITIONS.end.conflict(outing.status);
        if (conflict !== undefined) return reply.flowConflict(conflict);
        store.save({ ...outing, status: '4', arrivalKst: toKst(nowSeconds(clock)) });
        return reply.ok();
      },
    },
    deps.logger,
  );
}
