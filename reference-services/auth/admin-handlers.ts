import {
  AuthAdminService,
  type AuthAdminServer,
  type BasicStudentInform,
} from '../../grpc-clients/generated/auth/auth-admin';
import { goConvention } from '../shared/conventions';
import { mintAuthCode, mintId } from '../shared/ids';
import { implementService } from '../shared/implement-service';
import type { ReferenceServiceDeps } from '../shared/reference-service';
import { goMessage, goStatus } from '../shared/status';
import { forcedId, requireAdmin } from './access';
import { parentConflict, studentConflict } from './conflicts';
import {
  check,
  firstProblem,
  hangulName,
  inRange,
  loginId,
  notEmpty,
  optional,
  phoneNumber,
  uuidOf,
} from './model-rules';
import { linkChildrenOfNewParent } from './parent-links';
import { hashPassword, passwordMatches } from './passwords';
import { preProfileKey, profileKey } from './profiles';
import { findByLoginId, sameSeat, type AuthStore, type ChildRow, type ClassSeat } from './store';

const rejected = (reason: string) => goStatus(407, goMessage.proxyAuthRequired(reason));

/** The proto's PascalCase seat fields as a store seat. */
function seatOf(inform: { Grade: number; Group: number; StudentNumber: number }): ClassSeat {
  return { grade: inform.Grade, group: inform.Group, studentNumber: inform.StudentNumber };
}

function seatChecks(seat: ClassSeat) {
  return [
    check(seat.grade, inRange('grade', 1, 3)),
    check(seat.group, inRange('group', 1, 4)),
    check(seat.studentNumber, inRange('student number', 1, 21)),
  ];
}

/** The LMS text of the sign-up invitation (route 6). */
export function joinSmsText(name: string, authCode: number): string {
  return (
    `[DMS] ${name} 학생, DMS 회원가입 인증 코드는 [${authCode}] 입니다. ` +
    'DMS 앱의 "인증 코드로 회원가입"에서 코드를 입력하고 아이디와 비밀번호를 정해 주세요.'
  );
}

function seatLabel(student: BasicStudentInform): string {
  const number = String(student.StudentNumber).padStart(2, '0');
  return `${student.Grade}${student.Group}${number} ${student.Name}`;
}

export function createAdminHandlers(store: AuthStore, deps: ReferenceServiceDeps): AuthAdminServer {
  const { objectStore, sms } = deps.adapters;

  return implementService(
    AuthAdminService,
    goConvention,
    {
      async createNewStudent(request, context) {
        const forbidden = requireAdmin(request.UUID);
        if (forbidden) return forbidden;
        const forced = forcedId(context, 'student');
        if (forced && 'rejection' in forced) return forced.rejection;
        if (request.Image.length === 0) return rejected('profile image is empty');
        const problem = firstProblem([
          check(request.StudentID, loginId('student id')),
          check(request.StudentPW, notEmpty('student pw')),
          check(request.ParentUUID, optional(uuidOf('parent'))),
          ...seatChecks(seatOf(request)),
          check(request.Name, hangulName),
          check(request.PhoneNumber, phoneNumber),
        ]);
        if (problem) return rejected(problem);

        const uuid = forced?.id ?? mintId('student', (id) => store.students.has(id));
        const conflict = studentConflict(store, {
          ...seatOf(request),
          uuid,
          studentId: request.StudentID,
          phoneNumber: request.PhoneNumber,
        });
        if (conflict === 'uuid') return goStatus(409, goMessage.conflict(`student uuid already exists: ${uuid}`));
        if (conflict === 'studentId') return goStatus(409, goMessage.conflict('student id duplicate'), -101);
        if (request.ParentUUID !== '' && !store.parents.has(request.ParentUUID)) {
          return goStatus(409, goMessage.conflict('parent uuid foreign key constraint fails'), -102);
        }
        if (conflict === 'seat') return goStatus(409, goMessage.conflict('student number duplicate'), -103);
        if (conflict === 'phoneNumber') return goStatus(409, goMessage.conflict('phone number duplicate'), -104);

        try {
          await objectStore.put(profileKey(uuid), request.Image);
        } catch (error) {
          return goStatus(500, goMessage.internal(`unable to upload profile to s3, err: ${(error as Error).message}`));
        }
        store.students.set(uuid, {
          uuid,
          studentId: request.StudentID,
          passwordHash: await hashPassword(request.StudentPW),
          parentUuid: request.ParentUUID,
          ...seatOf(request),
          name: request.Name,
          phoneNumber: request.PhoneNumber,
          profileUri: profileKey(uuid),
          parentStatus: request.ParentUUID === '' ? 'NO_CONN_NO_NOTIFY' : 'OK_CONN_NO_NOTIFY',
        });
        return { ...goStatus(201, 'new student create success'), CreatedStudentUUID: uuid };
      },

      async createNewParent(request, context) {
        const forbidden = requireAdmin(request.UUID);
        if (forbidden) return forbidden;
        const forced = forcedId(context, 'parent');
        if (forced && 'rejection' in forced) return forced.rejection;
        const problem = firstProblem([
          check(request.ParentID, loginId('parent id')),
          check(request.ParentPW, notEmpty('parent pw')),
          check(request.Name, hangulName),
          check(request.PhoneNumber, optional(phoneNumber)),
          // The gateway declares but never runs the child rules (legacy-api.md §0.5), so the model checks them.
          ...request.ChildrenInform.flatMap((child) => [...seatChecks(seatOf(child)), check(child.Name, hangulName)]),
        ]);
        if (problem) return rejected(problem);

        const uuid = forced?.id ?? mintId('parent', (id) => store.parents.has(id));
        const conflict = parentConflict(store, { uuid, parentId: request.ParentID, phoneNumber: request.PhoneNumber });
        if (conflict === 'uuid') return goStatus(409, goMessage.conflict(`parent uuid already exists: ${uuid}`));
        if (conflict === 'parentId') return goStatus(409, goMessage.conflict('parent id duplicate'), -301);
        if (conflict === 'phoneNumber') return goStatus(409, goMessage.conflict('phone number duplicate'), -302);

        const children: ChildRow[] = [];
        for (const child of request.ChildrenInform) {
          // The child table is unique on (parent, grade, class, number); a repeat fails the row insert, which the
          // legacy service answered with 409 and code 0 (legacy-api.md §1.2 route 4).
          if (children.some((row) => sameSeat(row, seatOf(child)))) {
            return goStatus(409, goMessage.conflict('unable to create child inform, err: duplicate child row'));
          }
          children.push({ ...seatOf(child), name: child.Name, studentUuid: '' });
        }
        const parent = {
          uuid,
          parentId: request.ParentID,
          passwordHash: await hashPassword(request.ParentPW),
          name: request.Name,
          phoneNumber: request.PhoneNumber,
          children,
        };
        store.parents.set(uuid, parent);
        linkChildrenOfNewParent(store, parent);
        return { ...goStatus(201, 'new parent create success'), CreatedParentUUID: uuid };
      },

      async loginAdminAuth(request) {
        const admin = findByLoginId(store.admins, (row) => row.adminId, request.AdminID);
        if (!admin) return goStatus(409, goMessage.conflict('admin id not exists'), -431);
        if (!(await passwordMatches(admin.passwordHash, request.AdminPW))) {
          return goStatus(409, goMessage.conflict('mismatched hash and password'), -432);
        }
        // AccessToken stays empty: the gateway signs tokens (legacy-api.md §5.2).
        return { ...goStatus(200, 'succeed to login admin auth'), LoggedInAdminUUID: admin.uuid };
      },

      async addUnsignedStudents(request) {
        const forbidden = requireAdmin(request.UUID);
        if (forbidden) return forbidden;
        const problem = firstProblem(
          request.Students.flatMap((student) => [
            check(student.Name, hangulName),
            check(student.PhoneNumber, phoneNumber),
            ...seatChecks(seatOf(student)),
          ]),
        );
        if (problem) return rejected(problem);

        // Every pre-profile must exist before anything is saved (legacy-api.md §1.2 route 7).
        for (const student of request.Students) {
          const key = preProfileKey(seatOf(student));
          if (!(await objectStore.exists(key))) {
            return goStatus(404, goMessage.notFound(`pre-profile of ${seatLabel(student)} not exists, key: ${key}`));
          }
        }

        const known: Array<ClassSeat & { phoneNumber: string }> = [
          ...store.students.values(),
          ...store.unsignedStudents.values(),
        ];
        const duplicated: string[] = [];
        for (const student of request.Students) {
          const seat = seatOf(student);
          if (known.some((row) => sameSeat(row, seat) || row.phoneNumber === student.PhoneNumber)) {
            duplicated.push(seatLabel(student));
            continue;
          }
          const authCode = mintAuthCode((code) => store.unsignedStudents.has(code));
          const row = { authCode, name: student.Name, phoneNumber: student.PhoneNumber, ...seat };
          store.unsignedStudents.set(authCode, row);
          known.push(row);
        }
        const addCount = request.Students.length - duplicated.length;
        const log = duplicated.length > 0 ? `, duplicated students: [${duplicated.join(', ')}]` : '';
        return {
          ...goStatus(201, `succeed to add ${addCount} unsigned students${log}`),
          AddCount: addCount,
          NoAddCount: duplicated.length,
        };
      },

      async sendJoinSmsToUnsignedStudents(request) {
        const forbidden = requireAdmin(request.UUID);
        if (forbidden) return forbidden;
        const targets = [...store.unsignedStudents.values()].filter(
          (student) =>
            (request.TargetGrade === 0 || student.grade === request.TargetGrade) &&
            (request.TargetGroup === 0 || student.group === request.TargetGroup) &&
            (request.TargetNumber === 0 || student.studentNumber === request.TargetNumber),
        );
        if (targets.length === 0) {
          return goStatus(404, goMessage.notFound('no unsigned student with that grade, group and number'));
        }

        let sendCount = 0;
        const failures: string[] = [];
        for (const student of targets) {
          try {
            await sms.send(student.phoneNumber, joinSmsText(student.name, student.authCode));
            sendCount += 1;
          } catch (error) {
            failures.push(`${student.phoneNumber}: ${(error as Error).message}`);
          }
        }
        const counts = { SendCount: sendCount, NoSendCount: failures.length };
        if (failures.length > 0) {
          return { ...goStatus(500, goMessage.internal(`failed to send SMS, err: ${failures.join('; ')}`)), ...counts };
        }
        return { ...goStatus(200, `succeed to send join SMS to ${sendCount} unsigned students`), ...counts };
      },
    },
    deps.logger,
  );
}
