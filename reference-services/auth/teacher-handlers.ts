import { AuthTeacherService, type AuthTeacherServer } from '../../grpc-clients/generated/auth/auth-teacher';
import { goConvention } from '../shared/conventions';
import { mintId } from '../shared/ids';
import { implementService, type CallContext } from '../shared/implement-service';
import type { ReferenceServiceDeps } from '../shared/reference-service';
import { goMessage, goStatus, type GoStatus } from '../shared/status';
import { forcedId, requireAnyAccount, requireSelfOrAdmin } from './access';
import { teacherConflict } from './conflicts';
import { isEmptyFilter, matchesFilter } from './filters';
import { check, firstProblem, inRange, loginId, notEmpty, optional, phoneNumber, teacherName } from './model-rules';
import { hashPassword, passwordMatches } from './passwords';
import { findByLoginId, type AuthStore, type TeacherAccount } from './store';

type NewTeacher = Omit<TeacherAccount, 'uuid' | 'passwordHash'> & { password: string };

const CONFLICT_CODES = { teacherId: -201, phoneNumber: -202, homeroom: -203 } as const;

/** Validates and inserts a teacher; the outcome is the teacher or the in-message rejection. */
async function insertTeacher(
  store: AuthStore,
  context: CallContext,
  input: NewTeacher,
): Promise<TeacherAccount | GoStatus> {
  const forced = forcedId(context, 'teacher');
  if (forced && 'rejection' in forced) return forced.rejection;
  const problem = firstProblem([
    check(input.teacherId, loginId('teacher id')),
    check(input.password, notEmpty('teacher pw')),
    check(input.grade, inRange('grade', 0, 3)),
    check(input.group, inRange('group', 0, 4)),
    check(input.name, teacherName),
    check(input.phoneNumber, optional(phoneNumber)),
  ]);
  if (problem) return goStatus(407, goMessage.proxyAuthRequired(problem));
  const uuid = forced?.id ?? mintId('teacher', (id) => store.teachers.has(id));
  const conflict = teacherConflict(store, { ...input, uuid });
  if (conflict === 'uuid') return goStatus(409, goMessage.conflict(`teacher uuid already exists: ${uuid}`));
  if (conflict) return goStatus(409, goMessage.conflict(`${conflict} duplicate`), CONFLICT_CODES[conflict]);
  const { password, ...account } = input;
  const teacher: TeacherAccount = { ...account, uuid, passwordHash: await hashPassword(password) };
  store.teachers.set(uuid, teacher);
  return teacher;
}

/** The local password and certification checks shared by both teacher logins. */
async function checkLocalLogin(teacher: TeacherAccount, password: string): Promise<GoStatus | undefined> {
  if (!(await passwordMatches(teacher.passwordHash, password))) {
    return goStatus(409, goMessage.conflict('mismatched hash and password'), -412);
  }
  if (!teacher.certified) return goStatus(409, goMessage.conflict('this teacher auth is not certified yet'), -413);
  return undefined;
}

export function createTeacherHandlers(store: AuthStore, deps: ReferenceServiceDeps): AuthTeacherServer {
  const { pick } = deps.adapters;
  const findTeacher = (teacherId: string) => findByLoginId(store.teachers, (row) => row.teacherId, teacherId);

  return implementService(
    AuthTeacherService,
    goConvention,
    {
      async createNewTeacher(request, context) {
        const result = await insertTeacher(store, context, {
          teacherId: request.TeacherID,
          password: request.TeacherPW,
          certified: false,
          grade: request.Grade,
          group: request.Group,
          name: request.Name,
          phoneNumber: request.PhoneNumber,
        });
        if ('Status' in result) return result;
        return {
          ...goStatus(201, 'new teacher create success, you can use it after approval'),
          CreatedTeacherUUID: result.uuid,
        };
      },

      async loginTeacherAuth(request) {
        const teacher = findTeacher(request.TeacherID);
        if (!teacher) return goStatus(409, goMessage.conflict('teacher id not exists'), -411);
        const refused = await checkLocalLogin(teacher, request.TeacherPW);
        if (refused) return refused;
        return { ...goStatus(200, 'succeed to login teacher auth'), LoggedInTeacherUUID: teacher.uuid };
      },

      async loginTeacherAuthWithPick(request, context) {
        // Known ids log in locally (−412/−413); only unknown ids are asked of PICK (legacy-api.md §4.4).
        const local = findTeacher(request.TeacherID);
        if (local) {
          const refused = await checkLocalLogin(local, request.TeacherPW);
          if (refused) return refused;
          return { ...goStatus(200, 'succeed to login teacher auth'), LoggedInTeacherUUID: local.uuid };
        }

        const answer = await pick.login(request.TeacherID, request.TeacherPW);
        if (answer.outcome === 'unreachable') {
          return goStatus(503, goMessage.serviceUnavailable('unable to reach the PICK login API'));
        }
        if (answer.outcome === 'rejected') {
          return goStatus(409, goMessage.conflict('PICK rejected the teacher id or password'), -414);
        }
        const created = await insertTeacher(store, context, {
          teacherId: request.TeacherID,
          password: request.TeacherPW,
          certified: true,
          grade: 0,
          group: 0,
          name: answer.teacherName,
          phoneNumber: '',
        });
        // A PICK account the local model cannot hold is a server-side failure for this route (legacy-api.md §1.4).
        if ('Status' in created) {
          return goStatus(500, goMessage.internal(`unable to create teacher from PICK, err: ${created.Message}`));
        }
        return { ...goStatus(200, 'succeed to login teacher auth with PICK'), LoggedInTeacherUUID: created.uuid };
      },

      async changeTeacherPw(request) {
        const forbidden = requireSelfOrAdmin(request.UUID, request.TeacherUUID, 'teacher');
        if (forbidden) return forbidden;
        const teacher = store.teachers.get(request.TeacherUUID);
        if (!teacher) return goStatus(404, goMessage.notFound(`not exist teacher, uuid: ${request.TeacherUUID}`));
        if (!(await passwordMatches(teacher.passwordHash, request.CurrentPW))) {
          return goStatus(409, goMessage.conflict('mismatched hash and password'), -801);
        }
        teacher.passwordHash = await hashPassword(request.RevisionPW);
        // QUIRK (legacy-api.md §6.1): 200, although the gateway expects 201 for this route.
        return goStatus(200, 'teacher pw change success');
      },

      async getTeacherInformWithUuid(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const teacher = store.teachers.get(request.TeacherUUID);
        if (!teacher) return goStatus(404, goMessage.notFound(`not exist teacher, uuid: ${request.TeacherUUID}`));
        return {
          ...goStatus(200, 'get teacher inform success'),
          Grade: teacher.grade,
          Group: teacher.group,
          Name: teacher.name,
          PhoneNumber: teacher.phoneNumber,
        };
      },

      async getTeacherUuiDsWithInform(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const filter = {
          grade: request.Grade,
          group: request.Group,
          name: request.Name,
          phoneNumber: request.PhoneNumber,
        };
        if (isEmptyFilter(filter)) return goStatus(407, goMessage.proxyAuthRequired('bad request, empty filter'));
        const uuids = [...store.teachers.values()]
          .filter((teacher) => matchesFilter(filter, { ...teacher }))
          .map((t) => t.uuid);
        if (uuids.length === 0) return goStatus(409, goMessage.conflict('no exist teacher with that inform'), -511);
        return { ...goStatus(200, 'get teacher uuids having that inform success'), TeacherUUIDs: uuids };
      },

      async changeTeacherInform(request) {
        const forbidden = requireSelfOrAdmin(request.UUID, request.TeacherUUID, 'teacher');
        if (forbidden) return forbidden;
        const teacher = store.teachers.get(request.TeacherUUID);
        if (!teacher) return goStatus(404, goMessage.notFound(`not exist teacher, uuid: ${request.TeacherUUID}`));
        // An empty phone number leaves the row unchanged, as a gorm Updates with zero values did *(inferred)*.
        if (request.PhoneNumber === '') return goStatus(200, 'change teacher inform success');
        const problem = phoneNumber(request.PhoneNumber);
        if (problem) return goStatus(407, goMessage.proxyAuthRequired(problem));
        const clash = teacherConflict(store, { ...teacher, phoneNumber: request.PhoneNumber }, teacher.uuid);
        // The legacy table has a unique phone key; the route lists no code for it, so 409 with code 0 *(inferred)*.
        if (clash === 'phoneNumber') return goStatus(409, goMessage.conflict('phone number duplicate'));
        teacher.phoneNumber = request.PhoneNumber;
        return goStatus(200, 'change teacher inform success');
      },
    },
    deps.logger,
  );
}
