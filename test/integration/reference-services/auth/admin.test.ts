import { AuthAdminService } from '../../../../grpc-clients/generated/auth/auth-admin';
import { AuthParentService } from '../../../../grpc-clients/generated/auth/auth-parent';
import { AuthStudentService } from '../../../../grpc-clients/generated/auth/auth-student';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import {
  ADMIN,
  ID_FORMATS,
  PARENT1,
  STUDENT1,
  TEACHER1,
  forcing,
  newStudent,
  uniqueLoginId,
  uniquePhone,
} from './auth-fixtures';

describe('auth reference service: AuthAdmin', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const createStudent = (...args: Parameters<typeof newStudent>) =>
    harness.call('auth', AuthAdminService, 'createNewStudent', newStudent(...args));
  const readStudent = (uuid: string) =>
    harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', { UUID: ADMIN, StudentUUID: uuid });

  describe('CreateNewStudent', () => {
    it('creates a student with a minted id and stores the profile image under profiles/uuids/<uuid>', async () => {
      const reply = await createStudent({ Grade: 1, Group: 1, StudentNumber: 10 }, { Image: Buffer.from('png!') });
      expect(reply).toMatchObject({ Status: 201, Code: 0 });
      expect(reply.CreatedStudentUUID).toMatch(ID_FORMATS.student);
      expect(reply.CreatedStudentUUID).toHaveLength(20);
      expect(harness.adapters.objectStore.keys()).toContain(`profiles/uuids/${reply.CreatedStudentUUID}`);

      const read = await readStudent(reply.CreatedStudentUUID);
      expect(read).toMatchObject({
        Status: 200,
        Grade: 1,
        Group: 1,
        StudentNumber: 10,
        Name: '김학생',
        ImageURI: `profiles/uuids/${reply.CreatedStudentUUID}`,
        ParentStatus: 'UN_CONNECTED',
      });
      expect((await readStudent(reply.CreatedStudentUUID)).ParentStatus).toBe('');
    });

    it('links the given parent: the first read says CONNECTED, later reads ""', async () => {
      const reply = await createStudent({ Grade: 1, Group: 1, StudentNumber: 11 }, { ParentUUID: PARENT1 });
      expect(reply.Status).toBe(201);
      expect((await readStudent(reply.CreatedStudentUUID)).ParentStatus).toBe('CONNECTED');
      expect((await readStudent(reply.CreatedStudentUUID)).ParentStatus).toBe('');
      const parent = await harness.call('auth', AuthStudentService, 'getParentWithStudentUuid', {
        UUID: ADMIN,
        StudentUUID: reply.CreatedStudentUUID,
      });
      expect(parent).toMatchObject({ Status: 200, ParentUUID: PARENT1, Name: '홍판서' });
    });

    it('uses the StudentUUID metadata as the new id', async () => {
      const reply = await harness.call(
        'auth',
        AuthAdminService,
        'createNewStudent',
        newStudent({ Grade: 1, Group: 1, StudentNumber: 12 }),
        forcing('studentuuid', 'student-111111111111'),
      );
      expect(reply).toMatchObject({ Status: 201, CreatedStudentUUID: 'student-111111111111' });
    });

    it('rejects a malformed StudentUUID metadata with 407', async () => {
      const reply = await harness.call(
        'auth',
        AuthAdminService,
        'createNewStudent',
        newStudent({ Grade: 1, Group: 1, StudentNumber: 13 }),
        forcing('studentuuid', 'student-12'),
      );
      expect(reply.Status).toBe(407);
      expect(reply.Message).toMatch(/^proxy auth required \(reason: .+\)$/);
    });

    it.each([STUDENT1, TEACHER1, PARENT1, '', 'club-000000000001'])('answers 403 to caller %p', async (caller) => {
      const reply = await createStudent({ Grade: 1, Group: 1, StudentNumber: 14 }, { UUID: caller });
      expect(reply).toMatchObject({ Status: 403, Code: 0, CreatedStudentUUID: '' });
      expect(reply.Message).toMatch(/^forbidden \(reason: .+\)$/);
    });

    it.each([
      ['an empty image', { Image: Buffer.alloc(0) }],
      ['a non-Hangul name', { Name: 'Kim' }],
      ['a 5-character name', { Name: '가나다라마' }],
      ['grade 4', { Grade: 4 }],
      ['class 5', { Group: 5 }],
      ['number 22', { StudentNumber: 22 }],
      ['a 10-digit phone', { PhoneNumber: '0101234567' }],
      ['a 3-character id', { StudentID: 'abc' }],
      ['a malformed parent uuid', { ParentUUID: 'parent-1' }],
    ])('answers 407 to %s (model validation)', async (_case, overrides) => {
      const reply = await createStudent({ Grade: 1, Group: 1, StudentNumber: 15 }, overrides);
      expect(reply.Status).toBe(407);
      expect(reply.Message).toMatch(/^proxy auth required \(reason: .+\)$/);
    });

    it.each([
      ['student id taken', { StudentID: 'student1' }, -101],
      ['parent uuid not found', { ParentUUID: 'parent-999999999999' }, -102],
      ['grade/class/number taken', { Grade: 2, Group: 1, StudentNumber: 1 }, -103],
      ['phone taken', { PhoneNumber: '01000000201' }, -104],
    ])('answers 409 when the %s', async (_case, overrides, code) => {
      const reply = await createStudent({ Grade: 1, Group: 1, StudentNumber: 16 }, overrides);
      expect(reply).toMatchObject({ Status: 409, Code: code });
      expect(reply.Message).toMatch(/^conflict \(reason: .+\)$/);
    });

    it('answers 500 and saves nothing when the S3 upload fails', async () => {
      const { objectStore } = harness.adapters;
      jest.spyOn(objectStore, 'put').mockRejectedValueOnce(new Error('s3 is down'));
      const request = newStudent({ Grade: 1, Group: 1, StudentNumber: 17 });
      const reply = await harness.call('auth', AuthAdminService, 'createNewStudent', request);
      expect(reply.Status).toBe(500);
      expect(reply.Message).toMatch(/^internal server error \(reason: .*s3 is down\)$/);
      const login = await harness.call('auth', AuthStudentService, 'loginStudentAuth', {
        StudentID: request.StudentID,
        StudentPW: request.StudentPW,
      });
      expect(login.Code).toBe(-401);
    });
  });

  describe('CreateNewParent', () => {
    const newParent = (overrides: Record<string, unknown> = {}) => ({
      UUID: ADMIN,
      ParentID: uniqueLoginId('par'),
      ParentPW: 'parent5678',
      Name: '박부모',
      PhoneNumber: uniquePhone('0108'),
      ChildrenInform: [],
      ...overrides,
    });

    it('creates a parent and links a matching existing student (first read CONNECTED)', async () => {
      const student = await createStudent({ Grade: 3, Group: 4, StudentNumber: 20 }, { Name: '박자녀' });
      expect((await readStudent(student.CreatedStudentUUID)).ParentStatus).toBe('UN_CONNECTED');

      const reply = await harness.call(
        'auth',
        AuthAdminService,
        'createNewParent',
        newParent({
          ChildrenInform: [
            { Grade: 3, Group: 4, StudentNumber: 20, Name: '박자녀' },
            { Grade: 3, Group: 4, StudentNumber: 21, Name: '없는이' },
          ],
        }),
      );
      expect(reply).toMatchObject({ Status: 201, Code: 0 });
      expect(reply.CreatedParentUUID).toMatch(ID_FORMATS.parent);
      expect(reply.CreatedParentUUID).toHaveLength(19);

      expect((await readStudent(student.CreatedStudentUUID)).ParentStatus).toBe('CONNECTED');
      expect((await readStudent(student.CreatedStudentUUID)).ParentStatus).toBe('');
      const children = await harness.call('auth', AuthParentService, 'getChildrenInformsWithUuid', {
        UUID: reply.CreatedParentUUID,
        ParentUUID: reply.CreatedParentUUID,
      });
      expect(children.ChildrenInform.map((c) => c.StudentUUID)).toEqual([student.CreatedStudentUUID]);
    });

    it('does not link a child whose name differs', async () => {
      const student = await createStudent({ Grade: 3, Group: 4, StudentNumber: 19 }, { Name: '최학생' });
      await readStudent(student.CreatedStudentUUID);
      const reply = await harness.call(
        'auth',
        AuthAdminService,
        'createNewParent',
        newParent({ ChildrenInform: [{ Grade: 3, Group: 4, StudentNumber: 19, Name: '다른이' }] }),
      );
      expect(reply.Status).toBe(201);
      expect((await readStudent(student.CreatedStudentUUID)).ParentStatus).toBe('');
    });

    it('uses the ParentUUID metadata as the new id', async () => {
      const reply = await harness.call(
        'auth',
        AuthAdminService,
        'createNewParent',
        newParent(),
        forcing('parentuuid', 'parent-222222222222'),
      );
      expect(reply).toMatchObject({ Status: 201, CreatedParentUUID: 'parent-222222222222' });
    });

    it('accepts a parent without a phone number', async () => {
      const reply = await harness.call('auth', AuthAdminService, 'createNewParent', newParent({ PhoneNumber: '' }));
      expect(reply.Status).toBe(201);
    });

    it.each([STUDENT1, TEACHER1, PARENT1])('answers 403 to caller %s', async (caller) => {
      const reply = await harness.call('auth', AuthAdminService, 'createNewParent', newParent({ UUID: caller }));
      expect(reply).toMatchObject({ Status: 403, CreatedParentUUID: '' });
    });

    it.each([
      ['parent id taken', { ParentID: 'parent1' }, -301],
      ['phone taken', { PhoneNumber: '01000000301' }, -302],
      [
        'child rows repeat a seat',
        {
          ChildrenInform: [
            { Grade: 1, Group: 2, StudentNumber: 3, Name: '가나' },
            { Grade: 1, Group: 2, StudentNumber: 3, Name: '다라' },
          ],
        },
        0,
      ],
    ])('answers 409 when the %s', async (_case, overrides, code) => {
      const reply = await harness.call('auth', AuthAdminService, 'createNewParent', newParent(overrides));
      expect(reply).toMatchObject({ Status: 409, Code: code });
    });

    it.each([
      ['a child with a non-Hangul name', { ChildrenInform: [{ Grade: 1, Group: 1, StudentNumber: 1, Name: 'Kim' }] }],
      ['a child in grade 0', { ChildrenInform: [{ Grade: 0, Group: 1, StudentNumber: 1, Name: '가나' }] }],
      ['a non-Hangul parent name', { Name: 'Park' }],
      ['a malformed phone', { PhoneNumber: '010-1234-5678' }],
    ])('answers 407 to %s', async (_case, overrides) => {
      const reply = await harness.call('auth', AuthAdminService, 'createNewParent', newParent(overrides));
      expect(reply.Status).toBe(407);
    });
  });

  describe('LoginAdminAuth', () => {
    it('logs the demo admin in and leaves AccessToken empty', async () => {
      const reply = await harness.call('auth', AuthAdminService, 'loginAdminAuth', {
        AdminID: 'admin',
        AdminPW: 'admin1234',
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0, LoggedInAdminUUID: ADMIN, AccessToken: '' });
      expect(reply.LoggedInAdminUUID).toHaveLength(18);
    });

    it.each([
      ['an unknown id', { AdminID: 'nobody', AdminPW: 'admin1234' }, -431],
      ['a wrong password', { AdminID: 'admin', AdminPW: 'wrong' }, -432],
    ])('answers 409 to %s', async (_case, request, code) => {
      const reply = await harness.call('auth', AuthAdminService, 'loginAdminAuth', request);
      expect(reply).toMatchObject({ Status: 409, Code: code, LoggedInAdminUUID: '' });
    });
  });
});
