import { AuthAdminService } from '../../../../grpc-clients/generated/auth/auth-admin';
import { AuthStudentService } from '../../../../grpc-clients/generated/auth/auth-student';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN, PARENT1, STUDENT1, STUDENT2, TEACHER1, newStudent } from './auth-fixtures';

describe('auth reference service: AuthStudent', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const createStudent = async (seat: { Grade: number; Group: number; StudentNumber: number }) => {
    const request = newStudent(seat);
    const reply = await harness.call('auth', AuthAdminService, 'createNewStudent', request);
    expect(reply.Status).toBe(201);
    return { uuid: reply.CreatedStudentUUID, id: request.StudentID as string, pw: request.StudentPW as string };
  };

  describe('GetStudentInformWithUUID', () => {
    // First in the file: the demo student1 has not been read yet, so its parent link is still unreported.
    it('reports the seeded student1 as CONNECTED on the first read only', async () => {
      const first = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
        UUID: STUDENT1,
        StudentUUID: STUDENT1,
      });
      expect(first).toEqual({
        Status: 200,
        Code: 0,
        Message: expect.any(String),
        Grade: 2,
        Group: 1,
        StudentNumber: 1,
        Name: '홍길동',
        PhoneNumber: '01000000201',
        ImageURI: `profiles/uuids/${STUDENT1}`,
        ParentStatus: 'CONNECTED',
      });
      const second = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
        UUID: TEACHER1,
        StudentUUID: STUDENT1,
      });
      expect(second).toMatchObject({ Status: 200, ParentStatus: '' });
    });

    it.each([ADMIN, TEACHER1, PARENT1, STUDENT2])('lets %s read any student', async (caller) => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
        UUID: caller,
        StudentUUID: STUDENT2,
      });
      expect(reply).toMatchObject({ Status: 200, Name: '이영희' });
    });

    it.each(['', 'club-000000000001', 'admin-1'])('answers 403 to caller %p', async (caller) => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
        UUID: caller,
        StudentUUID: STUDENT1,
      });
      expect(reply).toMatchObject({ Status: 403, Name: '' });
    });

    it('answers 404 for an unknown student', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
        UUID: ADMIN,
        StudentUUID: 'student-999999999999',
      });
      expect(reply.Status).toBe(404);
      expect(reply.Message).toMatch(/^not found \(reason: .+\)$/);
    });
  });

  describe('LoginStudentAuth', () => {
    it('logs the demo student in', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'loginStudentAuth', {
        StudentID: 'student1',
        StudentPW: 'student1234',
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0, LoggedInStudentUUID: STUDENT1, AccessToken: '' });
    });

    it('answers on the go-micro alias path the legacy gateway used', async () => {
      const reply = await harness.callPath(
        'auth',
        AuthStudentService,
        'loginStudentAuth',
        '/DMS.SMS.v1.service.auth.AuthStudent/LoginStudentAuth',
        { StudentID: 'student2', StudentPW: 'student1234' },
      );
      expect(reply).toMatchObject({ Status: 200, LoggedInStudentUUID: STUDENT2 });
    });

    it.each([
      ['an unknown id', { StudentID: 'nobody', StudentPW: 'student1234' }, -401],
      ['a wrong password', { StudentID: 'student1', StudentPW: 'nope' }, -402],
    ])('answers 409 to %s', async (_case, request, code) => {
      const reply = await harness.call('auth', AuthStudentService, 'loginStudentAuth', request);
      expect(reply).toMatchObject({ Status: 409, Code: code, LoggedInStudentUUID: '' });
      expect(reply.Message).toMatch(/^conflict \(reason: .+\)$/);
    });
  });

  describe('ChangeStudentPW', () => {
    it.each([
      ['the student themself', 'self'],
      ['an admin', ADMIN],
    ])('lets %s change the password (200, legacy quirk)', async (_case, callerKind) => {
      const student = await createStudent({ Grade: 1, Group: 2, StudentNumber: callerKind === 'self' ? 1 : 2 });
      const reply = await harness.call('auth', AuthStudentService, 'changeStudentPw', {
        UUID: callerKind === 'self' ? student.uuid : ADMIN,
        StudentUUID: student.uuid,
        CurrentPW: student.pw,
        RevisionPW: 'brandnew99',
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0, Message: 'student pw change success' });
      const login = await harness.call('auth', AuthStudentService, 'loginStudentAuth', {
        StudentID: student.id,
        StudentPW: 'brandnew99',
      });
      expect(login).toMatchObject({ Status: 200, LoggedInStudentUUID: student.uuid });
    });

    it.each([STUDENT2, TEACHER1, PARENT1])('answers 403 to %s changing student1', async (caller) => {
      const reply = await harness.call('auth', AuthStudentService, 'changeStudentPw', {
        UUID: caller,
        StudentUUID: STUDENT1,
        CurrentPW: 'student1234',
        RevisionPW: 'whatever1',
      });
      expect(reply.Status).toBe(403);
    });

    it('answers 404 for an unknown student', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'changeStudentPw', {
        UUID: ADMIN,
        StudentUUID: 'student-999999999999',
        CurrentPW: 'x',
        RevisionPW: 'whatever1',
      });
      expect(reply.Status).toBe(404);
    });

    it('answers 409 −701 to a wrong current password', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'changeStudentPw', {
        UUID: STUDENT1,
        StudentUUID: STUDENT1,
        CurrentPW: 'wrong',
        RevisionPW: 'whatever1',
      });
      expect(reply).toMatchObject({ Status: 409, Code: -701 });
    });
  });

  describe('GetStudentInformsWithUUIDs', () => {
    it('returns the informs in the requested order', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentInformsWithUuiDs', {
        UUID: TEACHER1,
        StudentUUIDs: [STUDENT2, STUDENT1],
      });
      expect(reply.Status).toBe(200);
      expect(reply.StudentInforms).toEqual([
        {
          StudentUUID: STUDENT2,
          Grade: 1,
          Group: 3,
          StudentNumber: 5,
          Name: '이영희',
          PhoneNumber: '01000000202',
          ImageURI: `profiles/uuids/${STUDENT2}`,
        },
        expect.objectContaining({ StudentUUID: STUDENT1, Name: '홍길동' }),
      ]);
    });

    it('answers 409 −601 when a uuid is unknown', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentInformsWithUuiDs', {
        UUID: ADMIN,
        StudentUUIDs: [STUDENT1, 'student-999999999999'],
      });
      expect(reply).toMatchObject({ Status: 409, Code: -601, StudentInforms: [] });
    });

    it('answers 403 to a caller without a role', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentInformsWithUuiDs', {
        UUID: 'nobody',
        StudentUUIDs: [STUDENT1],
      });
      expect(reply.Status).toBe(403);
    });
  });

  describe('GetStudentUUIDsWithInform', () => {
    it.each([
      ['grade and class (exact ints)', { Grade: 1, Group: 3 }, [STUDENT2]],
      ['a name substring', { Name: '길' }, [STUDENT1]],
      ['a phone substring', { PhoneNumber: '0000020' }, ['student-000000000001', STUDENT2, 'student-000000000003']],
      ['an ImageURI substring', { ImageURI: '000000000002' }, [STUDENT2]],
      ['number 7 (exact, not a substring)', { StudentNumber: 7 }, ['student-000000000003']],
    ])('filters by %s', async (_case, filter, expected) => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentUuiDsWithInform', {
        UUID: PARENT1,
        ...filter,
      });
      expect(reply.Status).toBe(200);
      expect([...reply.StudentUUIDs].sort()).toEqual([...expected].sort());
    });

    it('answers 407 to an all-empty filter', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentUuiDsWithInform', { UUID: ADMIN });
      expect(reply.Status).toBe(407);
      expect(reply.Message).toMatch(/^proxy auth required \(reason: .+\)$/);
    });

    it('answers 409 −501 when nothing matches', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentUuiDsWithInform', {
        UUID: ADMIN,
        Name: '없는사람',
      });
      expect(reply).toMatchObject({ Status: 409, Code: -501, StudentUUIDs: [] });
    });

    it('answers 403 to a caller without a role', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getStudentUuiDsWithInform', {
        UUID: 'club-000000000001',
        Grade: 1,
      });
      expect(reply.Status).toBe(403);
    });
  });

  describe('GetParentWithStudentUUID', () => {
    it.each([STUDENT1, ADMIN])('returns student1’s parent to %s', async (caller) => {
      const reply = await harness.call('auth', AuthStudentService, 'getParentWithStudentUuid', {
        UUID: caller,
        StudentUUID: STUDENT1,
      });
      expect(reply).toMatchObject({
        Status: 200,
        ParentUUID: PARENT1,
        Name: '홍판서',
        PhoneNumber: '01000000301',
      });
    });

    it.each([STUDENT2, TEACHER1, PARENT1])('answers 403 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthStudentService, 'getParentWithStudentUuid', {
        UUID: caller,
        StudentUUID: STUDENT1,
      });
      expect(reply).toMatchObject({ Status: 403, ParentUUID: '' });
    });

    it('answers 404 for an unknown student', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getParentWithStudentUuid', {
        UUID: ADMIN,
        StudentUUID: 'student-999999999999',
      });
      expect(reply.Status).toBe(404);
    });

    it('answers 409 with code 0 when the student has no parent', async () => {
      const reply = await harness.call('auth', AuthStudentService, 'getParentWithStudentUuid', {
        UUID: STUDENT2,
        StudentUUID: STUDENT2,
      });
      expect(reply).toMatchObject({ Status: 409, Code: 0 });
    });
  });
});
