import { AuthParentService } from '../../grpc-clients/generated/auth/auth-parent';
import { AuthStudentService } from '../../grpc-clients/generated/auth/auth-student';
import { AuthTeacherService } from '../../grpc-clients/generated/auth/auth-teacher';
import { ClubStudentService } from '../../grpc-clients/generated/club/club-student';
import type { CallMetadata } from '../shared/call-metadata';
import { roleByCutting13 } from '../shared/ids';
import type { PeerClients } from '../shared/peer-clients';
import { fail } from './errors';
import type { SchoolClass } from './rules';

/** The legacy AccountRepository returned a fixed account for admins: there is no admin RPC in auth. */
export const ADMIN_WRITER_NAME = '어드민';

/** club answers 409 −1611 when the uuid leads no club (legacy-api.md §5.3). */
const NOT_A_LEADER_CODE = -1611;

interface GoReply {
  Status: number;
  Code: number;
  Message: string;
}

/** Any non-200 from a peer is a failure the legacy service surfaced as a ServerException (500 −1000). */
function requireOk<R extends GoReply>(service: string, rpc: string, reply: R): R {
  if (reply.Status !== 200) throw fail.internal(`${service} ${rpc} answered ${reply.Status}: ${reply.Message}`);
  return reply;
}

/**
 * Account and club facts from auth and club over gRPC. Every lookup is a self-lookup (the `UUID` sent is the
 * account being looked up, as the legacy AccountRepository did), so the callee's role rules always let it through:
 * auth answers a student/teacher/parent about themselves, club answers a student about their own club.
 */
export function createPeerLookups(peers: PeerClients) {
  return {
    async studentClass(studentUuid: string, caller: CallMetadata): Promise<SchoolClass> {
      const reply = await peers.call(
        'auth',
        AuthStudentService,
        'getStudentInformWithUuid',
        { UUID: studentUuid, StudentUUID: studentUuid },
        caller,
      );
      requireOk('auth', 'GetStudentInformWithUUID', reply);
      return { grade: reply.Grade, group: reply.Group };
    },

    async teacherHomeroom(teacherUuid: string, caller: CallMetadata): Promise<SchoolClass> {
      const reply = await peers.call(
        'auth',
        AuthTeacherService,
        'getTeacherInformWithUuid',
        { UUID: teacherUuid, TeacherUUID: teacherUuid },
        caller,
      );
      requireOk('auth', 'GetTeacherInformWithUUID', reply);
      return { grade: reply.Grade, group: reply.Group };
    },

    /** The account name shown as `writer_name` (admins: a fixed name; unknown prefixes: empty). */
    async accountName(uuid: string, caller: CallMetadata): Promise<string> {
      switch (roleByCutting13(uuid, 'parent')) {
        case 'admin':
          return ADMIN_WRITER_NAME;
        case 'teacher': {
          const request = { UUID: uuid, TeacherUUID: uuid };
          const reply = await peers.call('auth', AuthTeacherService, 'getTeacherInformWithUuid', request, caller);
          return requireOk('auth', 'GetTeacherInformWithUUID', reply).Name;
        }
        case 'student': {
          const request = { UUID: uuid, StudentUUID: uuid };
          const reply = await peers.call('auth', AuthStudentService, 'getStudentInformWithUuid', request, caller);
          return requireOk('auth', 'GetStudentInformWithUUID', reply).Name;
        }
        case 'parent': {
          const request = { UUID: uuid, ParentUUID: uuid };
          const reply = await peers.call('auth', AuthParentService, 'getParentInformWithUuid', request, caller);
          return requireOk('auth', 'GetParentInformWithUUID', reply).Name;
        }
        default:
          return '';
      }
    },

    /** The club a student leads, or undefined when they lead none. */
    async clubLedBy(studentUuid: string, caller: CallMetadata): Promise<string | undefined> {
      const reply = await peers.call(
        'club',
        ClubStudentService,
        'getClubUuidWithLeaderUuid',
        { UUID: studentUuid, LeaderUUID: studentUuid },
        caller,
      );
      if (reply.Status === 409 && reply.Code === NOT_A_LEADER_CODE) return undefined;
      return requireOk('club', 'GetClubUUIDWithLeaderUUID', reply).ClubUUID || undefined;
    },

    async clubName(clubUuid: string, askingStudentUuid: string, caller: CallMetadata): Promise<string> {
      const reply = await peers.call(
        'club',
        ClubStudentService,
        'getClubInformWithUuid',
        { UUID: askingStudentUuid, ClubUUID: clubUuid },
        caller,
      );
      return requireOk('club', 'GetClubInformWithUUID', reply).Name;
    },
  };
}

export type PeerLookups = ReturnType<typeof createPeerLookups>;
