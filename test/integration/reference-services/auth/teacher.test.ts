import { AuthTeacherService, type CreateNewTeacherRequest } from '../../../../grpc-clients/generated/auth/auth-teacher';
import { DEMO_PICK_TEACHER } from '../../../../reference-services/demo-data';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN, ID_FORMATS, PARENT1, STUDENT1, TEACHER1, forcing, uniqueLoginId, uniquePhone } from './auth-fixtures';

describe('auth reference service: AuthTeacher', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const newTeacher = (overrides: Partial<CreateNewTeacherRequest> = {}): Partial<CreateNewTeacherRequest> => ({
    TeacherID: uniqueLoginId('tch'),
    TeacherPW: 'teach5678',
    Grade: 0,
    Group: 0,
    Name: '나선생',
    PhoneNumber: uniquePhone('0107'),
    ...overrides,
  });
  const createTeacher = (overrides: Partial<CreateNewTeacherRequest> = {}) =>
    harness.call('auth', AuthTeacherService, 'createNewTeacher', newTeacher(overrides));
  const readTeacher = (uuid: string) =>
    harness.call('auth', AuthTeacherService, 'getTeacherInformWithUuid', { UUID: ADMIN, TeacherUUID: uuid });

  describe('CreateNewTeacher', () => {
    it('creates an uncertified teacher that cannot log in yet', async () => {
      const request = newTeacher({ Grade: 3, Group: 4 });
      const reply = await harness.call('auth', AuthTeacherService, 'createNewTeacher', request);
      expect(reply).toMatchObject({ Status: 201, Code: 0 });
      expect(reply.Message).toMatch(/after approval/);
      expect(reply.CreatedTeacherUUID).toMatch(ID_FORMATS.teacher);
      expect(reply.CreatedTeacherUUID).toHaveLength(20);
      expect(await readTeacher(reply.CreatedTeacherUUID)).toMatchObject({ Status: 200, Grade: 3, Group: 4 });

      const login = await harness.call('auth', AuthTeacherService, 'loginTeacherAuth', {
        TeacherID: request.TeacherID,
        TeacherPW: request.TeacherPW,
      });
      expect(login).toMatchObject({ Status: 409, Code: -413, LoggedInTeacherUUID: '' });
    });

    it('lets many teachers have no homeroom class (0/0)', async () => {
      expect((await createTeacher()).Status).toBe(201);
      expect((await createTeacher()).Status).toBe(201);
    });

    it('uses the TeacherUUID metadata as the new id', async () => {
      const reply = await harness.call(
        'auth',
        AuthTeacherService,
        'createNewTeacher',
        newTeacher(),
        forcing('teacheruuid', 'teacher-333333333333'),
      );
      expect(reply).toMatchObject({ Status: 201, CreatedTeacherUUID: 'teacher-333333333333' });
    });

    it.each([
      ['teacher id taken', { TeacherID: 'teacher1' }, -201],
      ['phone taken', { PhoneNumber: '01000000101' }, -202],
      ['homeroom class taken', { Grade: 2, Group: 1 }, -203],
    ])('answers 409 when the %s', async (_case, overrides, code) => {
      const reply = await createTeacher(overrides);
      expect(reply).toMatchObject({ Status: 409, Code: code, CreatedTeacherUUID: '' });
    });

    it.each([
      ['grade 4', { Grade: 4 }],
      ['class 5', { Group: 5 }],
      ['a 1-character name', { Name: '김' }],
      ['a malformed phone', { PhoneNumber: '01012' }],
      ['a 3-character id', { TeacherID: 'abc' }],
    ])('answers 407 to %s', async (_case, overrides) => {
      expect((await createTeacher(overrides)).Status).toBe(407);
    });
  });

  describe('LoginTeacherAuth', () => {
    it('logs the certified demo teacher in', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'loginTeacherAuth', {
        TeacherID: 'teacher1',
        TeacherPW: 'teacher1234',
      });
      expect(reply).toMatchObject({ Status: 200, LoggedInTeacherUUID: TEACHER1, AccessToken: '' });
    });

    it.each([
      ['an unknown id', { TeacherID: 'nobody', TeacherPW: 'x' }, -411],
      ['a wrong password', { TeacherID: 'teacher1', TeacherPW: 'wrong' }, -412],
    ])('answers 409 to %s', async (_case, request, code) => {
      const reply = await harness.call('auth', AuthTeacherService, 'loginTeacherAuth', request);
      expect(reply).toMatchObject({ Status: 409, Code: code });
    });
  });

  describe('LoginTeacherAuthWithPICK', () => {
    const loginWithPick = (TeacherID: string, TeacherPW: string) =>
      harness.call('auth', AuthTeacherService, 'loginTeacherAuthWithPick', { TeacherID, TeacherPW });

    it('logs a known local teacher in without asking PICK', async () => {
      harness.adapters.pick.setReachable(false);
      try {
        expect(await loginWithPick('teacher1', 'teacher1234')).toMatchObject({
          Status: 200,
          LoggedInTeacherUUID: TEACHER1,
        });
      } finally {
        harness.adapters.pick.setReachable(true);
      }
    });

    it('answers −412 to a known local id with a wrong password', async () => {
      expect(await loginWithPick('teacher1', 'wrong')).toMatchObject({ Status: 409, Code: -412 });
    });

    it('answers −413 to a known local id that is not certified', async () => {
      const request = newTeacher();
      expect((await harness.call('auth', AuthTeacherService, 'createNewTeacher', request)).Status).toBe(201);
      expect(await loginWithPick(request.TeacherID as string, request.TeacherPW as string)).toMatchObject({
        Status: 409,
        Code: -413,
      });
    });

    it('creates a certified teacher named by PICK for an unknown id, then logs in locally', async () => {
      const reply = await harness.call(
        'auth',
        AuthTeacherService,
        'loginTeacherAuthWithPick',
        { TeacherID: DEMO_PICK_TEACHER.id, TeacherPW: DEMO_PICK_TEACHER.password },
        forcing('teacheruuid', 'teacher-444444444444'),
      );
      expect(reply).toMatchObject({ Status: 200, Code: 0, LoggedInTeacherUUID: 'teacher-444444444444' });
      expect(await readTeacher('teacher-444444444444')).toMatchObject({
        Status: 200,
        Name: DEMO_PICK_TEACHER.teacherName,
        Grade: 0,
        Group: 0,
        PhoneNumber: '',
      });

      // Now known locally and certified: the plain login works too, and PICK is no longer needed.
      harness.adapters.pick.setReachable(false);
      try {
        expect(await loginWithPick(DEMO_PICK_TEACHER.id, DEMO_PICK_TEACHER.password)).toMatchObject({
          Status: 200,
          LoggedInTeacherUUID: 'teacher-444444444444',
        });
      } finally {
        harness.adapters.pick.setReachable(true);
      }
      const plain = await harness.call('auth', AuthTeacherService, 'loginTeacherAuth', {
        TeacherID: DEMO_PICK_TEACHER.id,
        TeacherPW: DEMO_PICK_TEACHER.password,
      });
      expect(plain).toMatchObject({ Status: 200, LoggedInTeacherUUID: 'teacher-444444444444' });
    });

    it('answers 409 −414 when PICK rejects an unknown id', async () => {
      const reply = await loginWithPick('notinpick', 'whatever');
      expect(reply).toMatchObject({ Status: 409, Code: -414, LoggedInTeacherUUID: '' });
      const plain = await harness.call('auth', AuthTeacherService, 'loginTeacherAuth', {
        TeacherID: 'notinpick',
        TeacherPW: 'whatever',
      });
      expect(plain.Code).toBe(-411);
    });

    it('answers 503 when PICK is unreachable', async () => {
      harness.adapters.pick.setReachable(false);
      try {
        const reply = await loginWithPick('someoneelse', 'whatever');
        expect(reply).toMatchObject({ Status: 503, Code: 0 });
        expect(reply.Message).toMatch(/^service unavailable \(reason: .+\)$/);
      } finally {
        harness.adapters.pick.setReachable(true);
      }
    });
  });

  describe('ChangeTeacherPW', () => {
    it.each(['self', 'admin'])('lets the %s change the password', async (who) => {
      const created = await harness.call('auth', AuthTeacherService, 'createNewTeacher', newTeacher());
      const uuid = created.CreatedTeacherUUID;
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherPw', {
        UUID: who === 'self' ? uuid : ADMIN,
        TeacherUUID: uuid,
        CurrentPW: 'teach5678',
        RevisionPW: 'fresh9999',
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0 });
      const again = await harness.call('auth', AuthTeacherService, 'changeTeacherPw', {
        UUID: uuid,
        TeacherUUID: uuid,
        CurrentPW: 'fresh9999',
        RevisionPW: 'teach5678',
      });
      expect(again.Status).toBe(200);
    });

    it.each([STUDENT1, PARENT1, 'teacher-999999999999'])('answers 403 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherPw', {
        UUID: caller,
        TeacherUUID: TEACHER1,
        CurrentPW: 'teacher1234',
        RevisionPW: 'x12345',
      });
      expect(reply.Status).toBe(403);
    });

    it('answers 404 for an unknown teacher', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherPw', {
        UUID: ADMIN,
        TeacherUUID: 'teacher-999999999999',
        CurrentPW: 'x',
        RevisionPW: 'x12345',
      });
      expect(reply.Status).toBe(404);
    });

    it('answers 409 −801 to a wrong current password', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherPw', {
        UUID: TEACHER1,
        TeacherUUID: TEACHER1,
        CurrentPW: 'wrong',
        RevisionPW: 'x12345',
      });
      expect(reply).toMatchObject({ Status: 409, Code: -801 });
    });
  });

  describe('GetTeacherInformWithUUID', () => {
    it.each([STUDENT1, PARENT1, TEACHER1, ADMIN])('returns teacher1 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthTeacherService, 'getTeacherInformWithUuid', {
        UUID: caller,
        TeacherUUID: TEACHER1,
      });
      expect(reply).toEqual({
        Status: 200,
        Code: 0,
        Message: expect.any(String),
        Grade: 2,
        Group: 1,
        Name: '김선생',
        PhoneNumber: '01000000101',
      });
    });

    it('answers 403 to a caller without a role', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'getTeacherInformWithUuid', {
        UUID: '',
        TeacherUUID: TEACHER1,
      });
      expect(reply.Status).toBe(403);
    });

    it('answers 404 for an unknown teacher', async () => {
      expect((await readTeacher('teacher-999999999999')).Status).toBe(404);
    });
  });

  describe('GetTeacherUUIDsWithInform', () => {
    it.each([
      ['homeroom grade and class', { Grade: 2, Group: 1 }],
      ['a name substring', { Name: '김선' }],
      ['a phone substring', { PhoneNumber: '00000101' }],
    ])('finds teacher1 by %s', async (_case, filter) => {
      const reply = await harness.call('auth', AuthTeacherService, 'getTeacherUuiDsWithInform', {
        UUID: STUDENT1,
        ...filter,
      });
      expect(reply).toMatchObject({ Status: 200, TeacherUUIDs: [TEACHER1] });
    });

    it('answers 407 to an all-empty filter', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'getTeacherUuiDsWithInform', { UUID: ADMIN });
      expect(reply.Status).toBe(407);
    });

    it('answers 409 −511 when nothing matches', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'getTeacherUuiDsWithInform', {
        UUID: ADMIN,
        Name: '없는선생',
      });
      expect(reply).toMatchObject({ Status: 409, Code: -511 });
    });

    it('answers 403 to a caller without a role', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'getTeacherUuiDsWithInform', {
        UUID: 'club-000000000001',
        Grade: 2,
      });
      expect(reply.Status).toBe(403);
    });
  });

  describe('ChangeTeacherInform', () => {
    it.each(['self', 'admin'])('lets the %s change the phone number', async (who) => {
      const created = await createTeacher();
      const uuid = created.CreatedTeacherUUID;
      const phone = uniquePhone('0106');
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherInform', {
        UUID: who === 'self' ? uuid : ADMIN,
        TeacherUUID: uuid,
        PhoneNumber: phone,
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0 });
      expect((await readTeacher(uuid)).PhoneNumber).toBe(phone);
    });

    it.each([STUDENT1, PARENT1, 'teacher-999999999999'])('answers 403 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherInform', {
        UUID: caller,
        TeacherUUID: TEACHER1,
        PhoneNumber: '01055556666',
      });
      expect(reply.Status).toBe(403);
      expect((await readTeacher(TEACHER1)).PhoneNumber).toBe('01000000101');
    });

    it('answers 404 for an unknown teacher', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherInform', {
        UUID: ADMIN,
        TeacherUUID: 'teacher-999999999999',
        PhoneNumber: '01055556666',
      });
      expect(reply.Status).toBe(404);
    });

    it('answers 407 to a malformed phone number', async () => {
      const reply = await harness.call('auth', AuthTeacherService, 'changeTeacherInform', {
        UUID: TEACHER1,
        TeacherUUID: TEACHER1,
        PhoneNumber: '010-5555',
      });
      expect(reply.Status).toBe(407);
    });
  });
});
