import { OutingTeacherService, type OutingTeacherServer } from '../../grpc-clients/generated/outing/outing-teacher';
import { outingConvention } from '../shared/conventions';
import type { SnakeStatus } from '../shared/status';
import { implementService, type CallContext } from '../shared/implement-service';
import { filterOutings } from './outing-filter';
import type { OutingDeps } from './outing-deps';
import { TRANSITIONS, toKst } from './outing-rules';
import type { TeacherInform } from './peer-lookups';
import { reply } from './replies';
import type { OutingRecord } from './store';

/** OutingTeacher (legacy-api.md §5.4): any teacher may act on any outing. */
export function createTeacherHandlers(deps: OutingDeps): OutingTeacherServer {
  const { store, lookups, sms } = deps;

  /** The common head of every teacher action: teacher check (403), outing lookup (404). */
  const teacherAndOuting = async (
    uuid: string,
    outingId: string,
    ctx: CallContext,
  ): Promise<{ error: SnakeStatus } | { teacher: TeacherInform; outing: OutingRecord }> => {
    const teacher = await lookups.teacherSelf(uuid, ctx);
    if (!teacher) return { error: reply.forbidden() };
    const outing = store.get(outingId);
    if (!outing) return { error: reply.outingNotFound() };
    return { teacher, outing };
  };

  /** SMS to the student, and to the student's homeroom teacher when the approver teaches another class. */
  const notifyApproval = async (
    teacherUuid: string,
    teacher: TeacherInform,
    outing: OutingRecord,
    ctx: CallContext,
  ) => {
    const student = await lookups.student(teacherUuid, outing.studentUuid, ctx);
    if (!student) return;
    await sms.send(
      student.PhoneNumber,
      `[${student.Name} 학생 외출증 승인]\n정문에서 '모바일 > 오늘의 외출증'을 보여드린 후 시작해주세요.`,
    );
    // QUIRK (legacy-api.md §4.1): the legacy condition is `teacher.group != student.group or
    // teacher.grade != teacher.grade`; the grade half compares the teacher with itself, so only the class
    // number decides: a teacher of another grade but the same class number sends no homeroom SMS.
    if (teacher.Group !== student.Group) {
      const [homeroomUuid] = await lookups.teacherUuidsByClass(teacherUuid, student.Grade, student.Group, ctx);
      if (homeroomUuid === undefined) return;
      const homeroom = await lookups.teacher(teacherUuid, homeroomUuid, ctx);
      if (!homeroom) return;
      await sms.send(
        homeroom.PhoneNumber,
        `[${student.Name} 학생 외출증 승인]\n${teacher.Name}선생님에 의해 외출증이 승인 되었습니다.`,
      );
    }
  };

  return implementService(
    OutingTeacherService,
    outingConvention,
    {
      async getOutingWithFilter(request, ctx) {
        if (!(await lookups.teacherSelf(request.uuid, ctx))) return reply.forbidden();
        return { ...reply.ok(), outing: await filterOutings(deps, request.uuid, request, ctx) };
      },

      async approveOuting(request, ctx) {
        const found = await teacherAndOuting(request.uuid, request.outingId, ctx);
        if ('error' in found) return found.error;
        const conflict = TRANSITIONS.approve.conflict(found.outing.status);
        if (conflict !== undefined) return reply.flowConflict(conflict);
        store.save({ ...found.outing, status: '2' });
        await notifyApproval(request.uuid, found.teacher, found.outing, ctx);
        return reply.ok();
      },

      async rejectOuting(request, ctx) {
        const found = await teacherAndOuting(request.uuid, request.outingId, ctx);
        if ('error' in found) return found.error;
        const conflict = TRANSITIONS.reject.conflict(found.outing.status);
        if (conflict !== undefined) return reply.flowConflict(conflict);
        store.save({ ...found.outing, status: '-2' });
        return reply.ok();
      },

      // QUIRK (legacy-api.md §4.1, §6.6): no status pre-condition; certify always succeeds.
      async certifyOuting(request, ctx) {
        const found = await teacherAndOuting(request.uuid, request.outingId, ctx);
        if ('error' in found) return found.error;
        store.save({ ...found.outing, status: '5', acceptedTeacher: request.uuid });
        return reply.ok();
      },

      async modifyOuting(request, ctx) {
        const found = await teacherAndOuting(request.uuid, request.outingId, ctx);
        if ('error' in found) return found.error;
        const conflict = TRANSITIONS.modify.conflict(found.outing.status);
        if (conflict !== undefined) return reply.flowConflict(conflict);
        // The legacy use case stores the new end time without re-checking the create rules.
        store.save({ ...found.outing, endKst: toKst(request.endTime) });
        return reply.ok();
      },
    },
    deps.logger,
  );
}
