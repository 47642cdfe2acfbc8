import { OutingParentsService, type OutingParentsServer } from '../../grpc-clients/generated/outing/outing-parents';
import { outingConvention } from '../shared/conventions';
import { implementService, type CallContext } from '../shared/implement-service';
import type { OutingDeps } from './outing-deps';
import { TRANSITIONS, fromKst } from './outing-rules';
import { reply } from './replies';

/**
 * OutingParents (legacy-api.md §5.4): whoever holds a confirm code acts for the parent, with no account check.
 * CreateOuting mints no codes since 2021-03-23, so only seeded codes exist.
 */
export function createParentsHandlers(deps: OutingDeps): OutingParentsServer {
  const { store, lookups, sms } = deps;

  const outingOfCode = (code: string) => {
    const outingUuid = store.outingUuidOfConfirmCode(code);
    return outingUuid === undefined ? undefined : store.get(outingUuid);
  };

  const decide = async (action: 'parent-approve' | 'parent-reject', code: string, ctx: CallContext) => {
    const outing = outingOfCode(code);
    if (!outing) return reply.confirmCodeNotFound();
    const { to, conflict } = TRANSITIONS[action];
    const conflictCode = conflict(outing.status);
    // The code stays valid after a conflict: the legacy use case raises before deleting it.
    if (conflictCode !== undefined) return reply.flowConflict(conflictCode);
    store.save({ ...outing, status: to ?? outing.status });
    store.deleteConfirmCode(code);

    // Read as the student itself, as the legacy service did (the caller has no account).
    const student = await lookups.student(outing.studentUuid, outing.studentUuid, ctx);
    if (student) {
      const text =
        action === 'parent-approve'
          ? `${student.Name}학생의 외출증이 학부모에 의해 허가 되었습니다.`
          : `${student.Name}학생의 외출증이 학부모에 의해 거절 되었습니다. 오늘은 더 이상 외출을 신청할 수 없습니다.`;
      await sms.send(student.PhoneNumber, text);
    }
    return reply.ok();
  };

  return implementService(
    OutingParentsService,
    outingConvention,
    {
      approveOutingByOCode: (request, ctx) => decide('parent-approve', request.confirmCode, ctx),
      rejectOutingByOCode: (request, ctx) => decide('parent-reject', request.confirmCode, ctx),
      async getOutingByOCode(request, ctx) {
        const outing = outingOfCode(request.confirmCode);
        if (!outing) return reply.confirmCodeNotFound();
        const student = await lookups.student(outing.studentUuid, outing.studentUuid, ctx);
        return {
          ...reply.ok(),
          name: student?.Name ?? '',
          outingId: outing.uuid,
          startTime: fromKst(outing.startKst),
          endTime: fromKst(outing.endKst),
          place: outing.place,
          reason: outing.reason,
          situation: outing.situation,
        };
      },
    },
    deps.logger,
  );
}
