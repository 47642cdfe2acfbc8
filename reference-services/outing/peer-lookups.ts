import { AuthParentService } from '../../grpc-clients/generated/auth/auth-parent';
import {
  AuthStudentService,
  type GetStudentInformWithUUIDResponse,
} from '../../grpc-clients/generated/auth/auth-student';
import {
  AuthTeacherService,
  type GetTeacherInformWithUUIDResponse,
} from '../../grpc-clients/generated/auth/auth-teacher';
import { ClubStudentService } from '../../grpc-clients/generated/club/club-student';
import type { CallContext } from '../shared/implement-service';
import type { PeerClients } from '../shared/peer-clients';

export type StudentInform = GetStudentInformWithUUIDResponse;
export type TeacherInform = GetTeacherInformWithUUIDResponse;

/**
 * What the outing service asks auth and club (legacy-api.md §5.4). Every lookup is a real gRPC call with the
 * caller's metadata; a transport failure throws and becomes a 500 with the exception text, as in the legacy
 * Python service. A non-200 answer means "no such account" to the caller.
 */
export interface PeerLookups {
  /** The caller is a student when auth answers 200 for `GetStudentInformWithUUID(uuid, uuid)`. */
  studentSelf(uuid: string, ctx: CallContext): Promise<StudentInform | undefined>;
  /** The caller is a teacher when auth answers 200 for `GetTeacherInformWithUUID(uuid, uuid)`. */
  teacherSelf(uuid: string, ctx: CallContext): Promise<TeacherInform | undefined>;
  /** The caller is a parent when auth answers 200 for `GetParentInformWithUUID(uuid, uuid)`. */
  isParent(uuid: string, ctx: CallContext): Promise<boolean>;
  /** A student's profile read as `asUuid` (an account auth lets read students). */
  student(asUuid: string, studentUuid: string, ctx: CallContext): Promise<StudentInform | undefined>;
  teacher(asUuid: string, teacherUuid: string, ctx: CallContext): Promise<TeacherInform | undefined>;
  /** The phone number of the student's parent, asked as the student (auth allows only self or admin). */
  parentPhone(studentUuid: string, ctx: CallContext): Promise<string | undefined>;
  /** Students by grade and/or class (0 = any); [] when auth finds none (409 −501). */
  studentUuidsByClass(asUuid: string, grade: number, group: number, ctx: CallContext): Promise<string[]>;
  /** Homeroom teachers of a class; [] when auth finds none (409 −511). */
  teacherUuidsByClass(asUuid: string, grade: number, group: number, ctx: CallContext): Promise<string[]>;
  /** Members of the clubs on a floor (club `GetClubUUIDsWithFloor` then `GetClubInformsWithUUIDs`). */
  clubMembersOnFloor(asUuid: string, floor: number, ctx: CallContext): Promise<string[]>;
}

export function createPeerLookups(peers: PeerClients): PeerLookups {
  const student: PeerLookups['student'] = async (asUuid, studentUuid, ctx) => {
    const reply = await peers.call(
      'auth',
      AuthStudentService,
      'getStudentInformWithUuid',
      { UUID: asUuid, StudentUUID: studentUuid },
      ctx,
    );
    return reply.Status === 200 ? reply : undefined;
  };
  const teacher: PeerLookups['teacher'] = async (asUuid, teacherUuid, ctx) => {
    const reply = await peers.call(
      'auth',
      AuthTeacherService,
      'getTeacherInformWithUuid',
      { UUID: asUuid, TeacherUUID: teacherUuid },
      ctx,
    );
    return reply.Status === 200 ? reply : undefined;
  };
  return {
    studentSelf: (uuid, ctx) => student(uuid, uuid, ctx),
    teacherSelf: (uuid, ctx) => teacher(uuid, uuid, ctx),
    student,
    teacher,
    async isParent(uuid, ctx) {
      const reply = await peers.call(
        'auth',
        AuthParentService,
        'getParentInformWithUuid',
        { UUID: uuid, ParentUUID: uuid },
        ctx,
      );
      return reply.Status === 200;
    },
    async parentPhone(studentUuid, ctx) {
      const reply = await peers.call(
        'auth',
        AuthStudentService,
        'getParentWithStudentUuid',
        { UUID: studentUuid, StudentUUID: studentUuid },
        ctx,
      );
      return reply.Status === 200 && reply.PhoneNumber !== '' ? reply.PhoneNumber : undefined;
    },
    async studentUuidsByClass(asUuid, grade, group, ctx) {
      const reply = await peers.call(
        'auth',
        AuthStudentService,
        'getStudentUuiDsWithInform',
        { UUID: asUuid, Grade: grade, Group: group },
        ctx,
      );
      return reply.Status === 200 ? reply.StudentUUIDs : [];
    },
    async teacherUuidsByClass(asUuid, grade, group, ctx) {
      const reply = await peers.call(
        'auth',
        AuthTeacherService,
        'getTeacherUuiDsWithInform',
        { UUID: asUuid, Grade: grade, Group: group },
        ctx,
      );
      return reply.Status === 200 ? reply.TeacherUUIDs : [];
    },
    async clubMembersOnFloor(asUuid, floor, ctx) {
      const clubs = await peers.call(
        'club',
        ClubStudentService,
        'getClubUuiDsWithFloor',
        { UUID: asUuid, floor: String(floor) },
        ctx,
      );
      if (clubs.Status !== 200 || clubs.ClubUUIDs.length === 0) return [];
      const informs = await peers.call(
        'club',
        ClubStudentService,
        'getClubInformsWithUuiDs',
        { UUID: asUuid, ClubUUIDs: clubs.ClubUUIDs },
        ctx,
      );
      return informs.Status === 200 ? informs.Informs.flatMap((club) => club.MemberUUIDs) : [];
    },
  };
}
