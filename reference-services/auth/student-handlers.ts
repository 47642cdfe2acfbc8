import {
  AuthStudentService,
  type AuthStudentServer,
  type StudentInform,
} from '../../grpc-clients/generated/auth/auth-student';
import { goConvention } from '../shared/conventions';
import { mintId } from '../shared/ids';
import { implementService } from '../shared/implement-service';
import type { ReferenceServiceDeps } from '../shared/reference-service';
import { goMessage, goStatus } from '../shared/status';
import { forcedId, requireAnyAccount, requireSelfOrAdmin } from './access';
import { studentConflict } from './conflicts';
import { isEmptyFilter, matchesFilter } from './filters';
import { check, firstProblem, loginId, notEmpty } from './model-rules';
import { linkNewStudentToParent, reportParentStatus } from './parent-links';
import { hashPassword, isWerkzeugHash, passwordMatches } from './passwords';
import { preProfileKey, profileKey } from './profiles';
import { findByLoginId, type AuthStore, type StudentAccount } from './store';

/** The `StudentInform` message of a student (also used by AuthParent.GetChildrenInformsWithUUID). */
export function toStudentInform(student: StudentAccount): StudentInform {
  return {
    StudentUUID: student.uuid,
    Grade: student.grade,
    Group: student.group,
    StudentNumber: student.studentNumber,
    Name: student.name,
    PhoneNumber: student.phoneNumber,
    ImageURI: student.profileUri,
  };
}

export function createStudentHandlers(store: AuthStore, deps: ReferenceServiceDeps): AuthStudentServer {
  const { objectStore } = deps.adapters;

  return implementService(
    AuthStudentService,
    goConvention,
    {
      async loginStudentAuth(request) {
        const student = findByLoginId(store.students, (row) => row.studentId, request.StudentID);
        if (!student) return goStatus(409, goMessage.conflict('student id not exists'), -401);
        // Also accepts werkzeug pbkdf2 hashes migrated from the old DMS (legacy-api.md §4.4).
        if (!(await passwordMatches(student.passwordHash, request.StudentPW))) {
          return goStatus(409, goMessage.conflict('mismatched hash and password'), -402);
        }
        return { ...goStatus(200, 'succeed to login student auth'), LoggedInStudentUUID: student.uuid };
      },

      async changeStudentPw(request) {
        const forbidden = requireSelfOrAdmin(request.UUID, request.StudentUUID, 'student');
        if (forbidden) return forbidden;
        const student = store.students.get(request.StudentUUID);
        if (!student) return goStatus(404, goMessage.notFound(`not exist student, uuid: ${request.StudentUUID}`));
        if (!(await passwordMatches(student.passwordHash, request.CurrentPW))) {
          return goStatus(409, goMessage.conflict('mismatched hash and password'), -701);
        }
        student.passwordHash = await hashPassword(request.RevisionPW);
        // QUIRK (legacy-api.md §6.1): 200, although the gateway expects 201 for this route.
        return goStatus(200, 'student pw change success');
      },

      async getStudentInformWithUuid(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const student = store.students.get(request.StudentUUID);
        if (!student) return goStatus(404, goMessage.notFound(`not exist student, uuid: ${request.StudentUUID}`));
        const { StudentUUID: _uuid, ...inform } = toStudentInform(student);
        return { ...goStatus(200, 'get student auth success'), ...inform, ParentStatus: reportParentStatus(student) };
      },

      async getStudentInformsWithUuiDs(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const informs: StudentInform[] = [];
        for (const uuid of request.StudentUUIDs) {
          const student = store.students.get(uuid);
          if (!student) {
            return goStatus(409, goMessage.conflict('student uuid array contain no exist uuid'), -601);
          }
          informs.push(toStudentInform(student));
        }
        return { ...goStatus(200, 'get student informs success'), StudentInforms: informs };
      },

      async getStudentUuiDsWithInform(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const filter = {
          grade: request.Grade,
          group: request.Group,
          studentNumber: request.StudentNumber,
          name: request.Name,
          phoneNumber: request.PhoneNumber,
          profileUri: request.ImageURI,
        };
        // The gateway's own "at least one filter" check never fires (legacy-api.md §0.5), so this one does.
        if (isEmptyFilter(filter)) return goStatus(407, goMessage.proxyAuthRequired('bad request, empty filter'));
        const uuids = [...store.students.values()]
          .filter((student) => matchesFilter(filter, { ...student }))
          .map((s) => s.uuid);
        if (uuids.length === 0) {
          return goStatus(409, goMessage.conflict('no exist student with that inform'), -501);
        }
        return { ...goStatus(200, 'get student uuids having that inform success'), StudentUUIDs: uuids };
      },

      async getParentWithStudentUuid(request) {
        const forbidden = requireSelfOrAdmin(request.UUID, request.StudentUUID, 'student');
        if (forbidden) return forbidden;
        const student = store.students.get(request.StudentUUID);
        if (!student) return goStatus(404, goMessage.notFound(`not exist student, uuid: ${request.StudentUUID}`));
        const parent = store.parents.get(student.parentUuid);
        if (!parent) return goStatus(409, goMessage.conflict('this student has no parent'));
        return {
          ...goStatus(200, 'get parent inform with student uuid success'),
          ParentUUID: parent.uuid,
          Name: parent.name,
          PhoneNumber: parent.phoneNumber,
        };
      },

      async getUnsignedStudentWithAuthCode(request) {
        const unsigned = store.unsignedStudents.get(request.AuthCode);
        if (!unsigned) {
          return goStatus(
            404,
            goMessage.notFound(`not exist unsigned student with that auth code: ${request.AuthCode}`),
          );
        }
        return {
          ...goStatus(200, 'succeed to get unsigned student with auth code'),
          AuthCode: unsigned.authCode,
          Name: unsigned.name,
          Grade: unsigned.grade,
          Group: unsigned.group,
          StudentNumber: unsigned.studentNumber,
          PhoneNumber: unsigned.phoneNumber,
        };
      },

      async createNewStudentWithAuthCode(request, context) {
        const forced = forcedId(context, 'student');
        if (forced && 'rejection' in forced) return forced.rejection;
        const unsigned = store.unsignedStudents.get(request.AuthCode);
        if (!unsigned) {
          return goStatus(
            404,
            goMessage.notFound(`not exist unsigned student with that auth code: ${request.AuthCode}`),
          );
        }
        const problem = firstProblem([
          check(request.StudentID, loginId('student id')),
          check(request.StudentPW, notEmpty('student pw')),
        ]);
        if (problem) return goStatus(407, goMessage.proxyAuthRequired(problem));

        const uuid = forced?.id ?? mintId('student', (id) => store.students.has(id));
        const conflict = studentConflict(store, { ...unsigned, uuid, studentId: request.StudentID });
        // Every duplicate key comes back as 409 with code 0 here (legacy-api.md §1.3 route 16).
        if (conflict) return goStatus(409, goMessage.conflict(`${conflict} duplicate`));

        try {
          await objectStore.copy(preProfileKey(unsigned), profileKey(uuid));
        } catch (error) {
          return goStatus(500, goMessage.internal(`unable to copy profile in s3, err: ${(error as Error).message}`));
        }
        const student: StudentAccount = {
          uuid,
          studentId: request.StudentID,
          // QUIRK (legacy-api.md §4.4): a werkzeug-looking password is stored as-is, so it logs in as that hash.
          passwordHash: isWerkzeugHash(request.StudentPW) ? request.StudentPW : await hashPassword(request.StudentPW),
          parentUuid: '',
          grade: unsigned.grade,
          group: unsigned.group,
          studentNumber: unsigned.studentNumber,
          name: unsigned.name,
          phoneNumber: unsigned.phoneNumber,
          profileUri: profileKey(uuid),
          parentStatus: 'NO_CONN_NO_NOTIFY',
        };
        store.students.set(uuid, student);
        linkNewStudentToParent(store, student);
        store.unsignedStudents.delete(unsigned.authCode);
        return { ...goStatus(201, 'succeed to create new student with auth code'), StudentUUID: uuid };
      },
    },
    deps.logger,
  );
}
