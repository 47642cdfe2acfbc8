import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { multipartRequest } from './multipart-request';

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const firstError = (errors: Errors) => errors?.[0]?.extensions;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('GraphQL accounts: admin creation of students and parents', () => {
  let gateway: GatewayHarness;
  let admin: string;
  let teacher: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    admin = await gateway.login('admin', 'admin', 'admin1234');
    teacher = await gateway.login('teacher', 'teacher1', 'teacher1234');
  });
  afterAll(() => gateway.close());

  const newStudent = (overrides: Record<string, unknown> = {}) => ({
    loginId: 'newstudent',
    password: 'pass1234',
    grade: 3,
    classNumber: 4,
    number: 20,
    name: '새학생',
    phoneNumber: '01088880001',
    ...overrides,
  });
  const createStudent = (input: Record<string, unknown>, token = admin, bytes = PNG) =>
    multipartRequest<{ createStudent: Record<string, unknown> }>(
      gateway.url,
      operation('auth/create-student'),
      { input },
      { profileImage: { bytes, filename: 'profile.png', type: 'image/png' } },
      { token },
    );

  describe('createStudent (multipart)', () => {
    it('creates a student with the uploaded image and answers its fields', async () => {
      const res = await createStudent(newStudent());
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const created = res.body.data?.createStudent as { id: string };
      expect(created).toEqual({
        id: expect.stringMatching(/^student-\d{12}$/),
        role: 'STUDENT',
        name: '새학생',
        grade: 3,
        classNumber: 4,
        number: 20,
        phoneNumber: '01088880001',
        profileImageUri: `profiles/uuids/${created.id}`,
        parentStatus: 'NOT_CONNECTED',
      });
      const stored = gateway.services.adapters.objectStore;
      expect(stored.keys()).toContain(`profiles/uuids/${created.id}`);
      // The new account logs in with the password it was given.
      await gateway.login('student', 'newstudent', 'pass1234');
    });

    it('links the student to an existing parent', async () => {
      const res = await createStudent(
        newStudent({ loginId: 'linked', number: 21, phoneNumber: '01088880002', parentId: DEMO_ACCOUNTS.parent1.uuid }),
      );
      expect(res.body.data?.createStudent).toMatchObject({ parentStatus: 'CONNECTED' });
    });

    it.each([
      ['the login id is taken', -101, { loginId: 'student1' }],
      ['the parent does not exist', -102, { parentId: 'parent-999999999999' }],
      ['the grade, class and number are taken', -103, { grade: 2, classNumber: 1, number: 1 }],
      ['the phone number is taken', -104, { phoneNumber: DEMO_ACCOUNTS.student2.phoneNumber }],
    ])('fails CONFLICT when %s (legacyCode %d)', async (_case, legacyCode, overrides) => {
      const res = await createStudent(
        newStudent({ loginId: 'conflicted', number: 19, phoneNumber: '01088880009', ...overrides }),
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res.body.errors)).toMatchObject({ code: 'CONFLICT', legacyCode });
    });

    it('fails BAD_USER_INPUT for an empty image or an invalid value', async () => {
      const empty = await createStudent(newStudent({ loginId: 'emptyimage' }), admin, Buffer.alloc(0));
      expect(firstError(empty.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
      const latinName = await createStudent(newStudent({ loginId: 'latinname', name: 'Kim' }));
      expect(firstError(latinName.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });

    it('fails FORBIDDEN for a teacher', async () => {
      const res = await createStudent(newStudent({ loginId: 'byteacher' }), teacher);
      expect(firstError(res.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('fails PAYLOAD_TOO_LARGE for an image over the upload limit', async () => {
      const res = await createStudent(newStudent({ loginId: 'bigimage' }), admin, Buffer.alloc(10 * 1024 * 1024 + 1));
      expect(firstError(res.body.errors)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('refuses a multipart request without the preflight header (CSRF prevention)', async () => {
      const res = await multipartRequest(
        gateway.url,
        operation('auth/create-student'),
        { input: newStudent({ loginId: 'csrf' }) },
        { profileImage: { bytes: PNG, filename: 'profile.png' } },
        { token: admin, preflight: false },
      );
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
    });
  });

  describe('createParent', () => {
    const newParent = (overrides: Record<string, unknown> = {}) => ({
      loginId: 'newparent',
      password: 'pass1234',
      name: '이부모',
      phoneNumber: '01099990001',
      children: [{ grade: 1, classNumber: 3, number: 5, name: DEMO_ACCOUNTS.student2.name }],
      ...overrides,
    });

    it('creates a parent and links the matching student', async () => {
      const res = await gateway.graphql(operation('auth/create-parent'), { input: newParent() }, { token: admin });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.createParent).toEqual({
        id: expect.stringMatching(/^parent-\d{12}$/),
        role: 'PARENT',
        name: '이부모',
        phoneNumber: '01099990001',
        children: [{ id: DEMO_ACCOUNTS.student2.uuid, name: DEMO_ACCOUNTS.student2.name, parentStatus: 'CONNECTED' }],
      });
    });

    it('creates a parent without a phone number or matching children', async () => {
      const res = await gateway.graphql(
        operation('auth/create-parent'),
        {
          input: newParent({
            loginId: 'lonelyparent',
            phoneNumber: null,
            children: [{ grade: 3, classNumber: 3, number: 3, name: '없는아이' }],
          }),
        },
        { token: admin },
      );
      expect(res.body.data?.createParent).toMatchObject({ phoneNumber: null, children: [] });
    });

    it.each([
      ['the login id is taken', -301, { loginId: 'parent1' }],
      ['the phone number is taken', -302, { loginId: 'otherparent', phoneNumber: DEMO_ACCOUNTS.parent1.phoneNumber }],
    ])('fails CONFLICT when %s (legacyCode %d)', async (_case, legacyCode, overrides) => {
      const res = await gateway.graphql(
        operation('auth/create-parent'),
        { input: newParent(overrides) },
        {
          token: admin,
        },
      );
      expect(firstError(res.body.errors)).toMatchObject({ code: 'CONFLICT', legacyCode });
    });

    it('fails CONFLICT without a legacy code for a repeated child row', async () => {
      const child = { grade: 1, classNumber: 1, number: 1, name: '중복아이' };
      const res = await gateway.graphql(
        operation('auth/create-parent'),
        { input: newParent({ loginId: 'twinparent', phoneNumber: '01099990002', children: [child, child] }) },
        { token: admin },
      );
      expect(firstError(res.body.errors)).toEqual(expect.objectContaining({ code: 'CONFLICT' }));
      expect(firstError(res.body.errors)).not.toHaveProperty('legacyCode');
    });

    it('fails FORBIDDEN for a teacher and BAD_USER_INPUT for an invalid name', async () => {
      const forbidden = await gateway.graphql(
        operation('auth/create-parent'),
        { input: newParent({ loginId: 'x1234' }) },
        {
          token: teacher,
        },
      );
      expect(firstError(forbidden.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
      const invalid = await gateway.graphql(
        operation('auth/create-parent'),
        { input: newParent({ loginId: 'badname', phoneNumber: '01099990003', name: 'Lee' }) },
        { token: admin },
      );
      expect(firstError(invalid.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });
});
