import type { Metadata } from '@grpc/grpc-js';
import { AuthTeacherService } from '../../../../grpc-clients/generated/auth/auth-teacher';
import { OutingParentsService } from '../../../../grpc-clients/generated/outing/outing-parents';
import { OutingStudentService } from '../../../../grpc-clients/generated/outing/outing-student';
import { OutingTeacherService } from '../../../../grpc-clients/generated/outing/outing-teacher';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import type { ReferenceHarness } from '../../../helpers/reference-services';

export const HOUR = 3600;
export const DAY_MS = 86_400_000;

export const STUDENT1 = DEMO_ACCOUNTS.student1.uuid;
export const STUDENT2 = DEMO_ACCOUNTS.student2.uuid;
export const STUDENT3 = DEMO_ACCOUNTS.student3.uuid;
export const TEACHER1 = DEMO_ACCOUNTS.teacher1.uuid;
export const PARENT1 = DEMO_ACCOUNTS.parent1.uuid;
export const ADMIN = DEMO_ACCOUNTS.admin.uuid;

/** The seeded outings (demo-data.ts `demoOutings`), by status. */
export const SEEDED = {
  '0': 'outing-000000000001',
  '1': 'outing-000000000002',
  '-1': 'outing-000000000003',
  '2': 'outing-000000000004',
  '-2': 'outing-000000000005',
  '3': 'outing-000000000006',
  '4': 'outing-000000000007',
  '5': 'outing-000000000008',
} as const;
export const SEEDED_CONFIRM_CODE = 'confirm-000000000001';

export const nowSeconds = (harness: ReferenceHarness) => Math.floor(harness.clock.now() / 1000);

/** CreateOuting for `student`, by default from now + 1 h to now + 2 h. */
export function createOuting(
  harness: ReferenceHarness,
  student: string,
  times: { startTime?: number; endTime?: number } = {},
  extra: { place?: string; reason?: string; situation?: string } = {},
  metadata?: Metadata,
) {
  const now = nowSeconds(harness);
  return harness.call(
    'outing',
    OutingStudentService,
    'createOuting',
    {
      uuid: student,
      startTime: times.startTime ?? now + HOUR,
      endTime: times.endTime ?? now + 2 * HOUR,
      place: extra.place ?? '병원',
      reason: extra.reason ?? '치과 진료',
      situation: extra.situation ?? 'normal',
    },
    metadata,
  );
}

/** Creates an outing and returns its id, failing loudly when the service refuses. */
export async function newOuting(
  harness: ReferenceHarness,
  student: string,
  times?: { startTime?: number; endTime?: number },
) {
  const reply = await createOuting(harness, student, times);
  if (reply.status !== 201) throw new Error(`CreateOuting answered ${reply.status} ${reply.code} ${reply.msg}`);
  return reply.outingId;
}

export type Action = 'approve' | 'reject' | 'start' | 'end' | 'certify' | 'modify' | 'parent-approve' | 'parent-reject';

/** One workflow action as route 53/56 would call it; parent actions take the confirm code instead of a caller. */
export async function act(
  harness: ReferenceHarness,
  action: Action,
  caller: string,
  outingId: string,
  options: { confirmCode?: string; endTime?: number } = {},
): Promise<{ status: number; code: number; msg: string }> {
  const confirm = { uuid: caller, outingId };
  switch (action) {
    case 'approve':
      return harness.call('outing', OutingTeacherService, 'approveOuting', confirm);
    case 'reject':
      return harness.call('outing', OutingTeacherService, 'rejectOuting', confirm);
    case 'certify':
      return harness.call('outing', OutingTeacherService, 'certifyOuting', confirm);
    case 'modify':
      return harness.call('outing', OutingTeacherService, 'modifyOuting', {
        ...confirm,
        endTime: options.endTime ?? nowSeconds(harness) + 3 * HOUR,
      });
    case 'start':
      return harness.call('outing', OutingStudentService, 'startGoOut', confirm);
    case 'end':
      return harness.call('outing', OutingStudentService, 'finishGoOut', confirm);
    case 'parent-approve':
      return harness.call('outing', OutingParentsService, 'approveOutingByOCode', {
        confirmCode: options.confirmCode ?? '',
      });
    case 'parent-reject':
      return harness.call('outing', OutingParentsService, 'rejectOutingByOCode', {
        confirmCode: options.confirmCode ?? '',
      });
  }
}

/** The outing as its owner reads it (GetOutingInform). */
export function informOf(harness: ReferenceHarness, owner: string, outingId: string) {
  return harness.call('outing', OutingStudentService, 'getOutingInform', { uuid: owner, outingId });
}

/** Fails unless the reply is a 2xx; returns it for chaining. */
export async function expectOk<T extends { status: number; code: number; msg: string }>(reply: Promise<T>): Promise<T> {
  const value = await reply;
  if (value.status !== 200 && value.status !== 201) {
    throw new Error(`expected success, got ${value.status} ${value.code} ${value.msg}`);
  }
  return value;
}

/**
 * A fresh outing of `student` driven to `status` through the RPCs (create → approve/reject → start → end →
 * certify). "0" and "-1" are unreachable this way since CreateOuting skips the parent step; use the seeded ones.
 * Moves the clock one day ahead first, because a student may create only one outing per KST day.
 */
export async function outingInStatus(harness: ReferenceHarness, student: string, status: string): Promise<string> {
  harness.clock.advance(DAY_MS);
  const id = await newOuting(harness, student);
  if (status === '1') return id;
  if (status === '-2') {
    await expectOk(act(harness, 'reject', TEACHER1, id));
    return id;
  }
  await expectOk(act(harness, 'approve', TEACHER1, id));
  if (status === '2') return id;
  await expectOk(act(harness, 'start', student, id));
  if (status === '3') return id;
  await expectOk(act(harness, 'end', TEACHER1, id));
  if (status === '4') return id;
  await expectOk(act(harness, 'certify', TEACHER1, id));
  if (status === '5') return id;
  throw new Error(`cannot drive an outing to status ${status}`);
}

/** Creates a teacher through auth (homeroom of grade/group) and returns its uuid. */
export async function createTeacher(
  harness: ReferenceHarness,
  input: { teacherId: string; grade: number; group: number; name: string; phoneNumber: string },
): Promise<string> {
  const reply = await harness.call('auth', AuthTeacherService, 'createNewTeacher', {
    TeacherID: input.teacherId,
    TeacherPW: 'teacher1234',
    Grade: input.grade,
    Group: input.group,
    Name: input.name,
    PhoneNumber: input.phoneNumber,
  });
  if (reply.Status !== 201) throw new Error(`CreateNewTeacher answered ${reply.Status} ${reply.Message}`);
  return reply.CreatedTeacherUUID;
}
