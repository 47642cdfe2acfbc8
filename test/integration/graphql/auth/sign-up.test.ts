import { preProfileKey } from '../../../../reference-services/auth/profiles';
import { DEMO_ACCOUNTS, DEMO_UNSIGNED_STUDENT } from '../../../../reference-services/demo-data';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { buildXlsx, UNSIGNED_STUDENT_HEADER, type SheetsInput } from '../../../helpers/xlsx-workbook';
import { multipartRequest } from './multipart-request';

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const firstError = (errors: Errors) => errors?.[0]?.extensions;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('GraphQL accounts: registration, unsigned-student import, join SMS and sign-up', () => {
  let gateway: GatewayHarness;
  let admin: string;
  let teacher: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    admin = await gateway.login('admin', 'admin', 'admin1234');
    teacher = await gateway.login('teacher', 'teacher1', 'teacher1234');
  });
  afterAll(() => gateway.close());

  const importWorkbook = async (
    sheets: SheetsInput,
    options: { sheet?: string; filename?: string; token?: string } = {},
  ) =>
    multipartRequest<{ importUnsignedStudents: Record<string, unknown> }>(
      gateway.url,
      operation('auth/import-unsigned-students'),
      { sheet: options.sheet ?? null },
      { file: { bytes: await buildXlsx(sheets), filename: options.filename ?? 'students.xlsx', type: XLSX_TYPE } },
      { token: options.token ?? admin },
    );
  const putPreProfile = (grade: number, group: number, studentNumber: number) =>
    gateway.services.adapters.objectStore.put(preProfileKey({ grade, group, studentNumber }), Buffer.from('img'));

  describe('registerTeacher', () => {
    const input = (overrides: Record<string, unknown> = {}) => ({
      loginId: 'selfteacher',
      password: 'pass1234',
      name: '자기등록',
      phoneNumber: '01044440001',
      grade: 3,
      classNumber: 4,
      ...overrides,
    });

    it('registers a teacher without a token; the account waits for certification (−413)', async () => {
      const res = await gateway.graphql(operation('auth/register-teacher'), { input: input() });
      expect(res.body).toEqual({
        data: { registerTeacher: { id: expect.stringMatching(/^teacher-\d{12}$/), role: 'TEACHER' } },
      });
      const login = await gateway.graphql(operation('auth/login-teacher'), { id: 'selfteacher', password: 'pass1234' });
      expect(firstError(login.body.errors)).toMatchObject({ code: 'CONFLICT', legacyCode: -413 });
    });

    it('registers a teacher without a homeroom class', async () => {
      const res = await gateway.graphql(operation('auth/register-teacher'), {
        input: input({ loginId: 'nohomeroom', phoneNumber: '01044440002', grade: null, classNumber: null }),
      });
      const id = (res.body.data as { registerTeacher: { id: string } }).registerTeacher.id;
      const read = await gateway.graphql(operation('auth/teacher'), { id }, { token: admin });
      expect(read.body.data?.teacher).toMatchObject({ name: '자기등록', homeroom: null, phoneNumber: '01044440002' });
    });

    it.each([
      ['the login id is taken', -201, { loginId: 'teacher1' }],
      ['the phone number is taken', -202, { loginId: 'other1', phoneNumber: DEMO_ACCOUNTS.teacher1.phoneNumber }],
      [
        'the homeroom class is taken',
        -203,
        { loginId: 'other2', phoneNumber: '01044440003', grade: 2, classNumber: 1 },
      ],
    ])('fails CONFLICT when %s (legacyCode %d)', async (_case, legacyCode, overrides) => {
      const res = await gateway.graphql(operation('auth/register-teacher'), { input: input(overrides) });
      expect(res.body.data).toBeNull();
      expect(firstError(res.body.errors)).toMatchObject({ code: 'CONFLICT', legacyCode });
    });

    it('fails BAD_USER_INPUT for an invalid value', async () => {
      const res = await gateway.graphql(operation('auth/register-teacher'), {
        input: input({ loginId: 'ab', phoneNumber: '01044440004' }),
      });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('the sign-up flow', () => {
    it('imports a workbook, texts the codes, and signs a student up with one (with the parent link)', async () => {
      await putPreProfile(3, 1, 1);
      await putPreProfile(3, 1, 2);
      await putPreProfile(2, 1, 1);
      const imported = await importWorkbook({
        '3학년 1반': [
          UNSIGNED_STUDENT_HEADER,
          [3101, '가나다', '"010-3101-0001"'],
          [3102, '라마바', '"010-3101-0002"'],
          // Already a student (student1's seat): counted as not added.
          [2101, '홍길동', '"010-2101-0001"'],
        ],
      });
      expect(imported.body.errors).toBeUndefined();
      expect(imported.body.data?.importUnsignedStudents).toMatchObject({ requested: 3, added: 2, notAdded: 1 });
      expect(imported.body.data?.importUnsignedStudents.message).toContain('2101');

      // A parent created now links the student who signs up later.
      const parent = await gateway.graphql<{ createParent: { id: string } }>(
        operation('auth/create-parent'),
        {
          input: {
            loginId: 'flowparent',
            password: 'pass1234',
            name: '가부모',
            children: [{ grade: 3, classNumber: 1, number: 1, name: '가나다' }],
          },
        },
        { token: admin },
      );
      const parentId = parent.body.data?.createParent.id;

      const sms = gateway.services.adapters.sms;
      const before = sms.sent.length;
      const sent = await gateway.graphql(
        operation('auth/send-join-sms'),
        { grade: 3, classNumber: 1 },
        { token: admin },
      );
      expect(sent.body).toEqual({ data: { sendJoinSms: { sent: 2, notSent: 0 } } });
      const message = sms.sent.slice(before).find((m) => m.phoneNumber === '01031010001');
      const authCode = Number(/\[(\d{6})\]/.exec(message?.text ?? '')?.[1]);
      expect(authCode).toBeGreaterThanOrEqual(100000);

      const unsigned = await gateway.graphql(operation('auth/unsigned-student'), { authCode });
      expect(unsigned.body).toEqual({
        data: {
          unsignedStudent: {
            authCode,
            name: '가나다',
            grade: 3,
            classNumber: 1,
            number: 1,
            phoneNumber: '01031010001',
          },
        },
      });

      const signedUp = await gateway.graphql<{ signUpWithAuthCode: { id: string; role: string } }>(
        operation('auth/sign-up-with-auth-code'),
        { authCode, loginId: 'ganada', password: 'pass1234' },
      );
      expect(signedUp.body.errors).toBeUndefined();
      const id = signedUp.body.data?.signUpWithAuthCode.id as string;
      expect(signedUp.body.data?.signUpWithAuthCode).toEqual({
        id: expect.stringMatching(/^student-\d{12}$/),
        role: 'STUDENT',
      });

      const token = await gateway.login('student', 'ganada', 'pass1234');
      const read = await gateway.graphql(operation('auth/student-parent'), { id }, { token });
      expect(read.body.data).toEqual({
        student: { id, parent: expect.objectContaining({ id: parentId, name: '가부모' }) },
      });

      // The code is spent.
      const again = await gateway.graphql(operation('auth/unsigned-student'), { authCode });
      expect(firstError(again.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('reads only the named sheet', async () => {
      await putPreProfile(3, 2, 1);
      const res = await importWorkbook(
        {
          first: [UNSIGNED_STUDENT_HEADER, [3301, '사아자', '"010-3301-0001"'], [3302, '차카타', '"010-3301-0002"']],
          second: [UNSIGNED_STUDENT_HEADER, [3201, '파하가', '"010-3201-0001"'], [3202, '나다라', '"010-3201-0002"']],
        },
        { sheet: 'second' },
      );
      // 3202 has no pre-profile: the sheet is read, and the service refuses the whole import.
      expect(firstError(res.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      await putPreProfile(3, 2, 2);
      const ok = await importWorkbook(
        {
          first: [UNSIGNED_STUDENT_HEADER, [3301, '사아자', '"010-3301-0001"'], [3302, '차카타', '"010-3301-0002"']],
          second: [UNSIGNED_STUDENT_HEADER, [3201, '파하가', '"010-3201-0001"'], [3202, '나다라', '"010-3201-0002"']],
        },
        { sheet: 'second' },
      );
      expect(ok.body.data?.importUnsignedStudents).toMatchObject({ requested: 2, added: 2, notAdded: 0 });
    });
  });

  describe('importUnsignedStudents errors', () => {
    const rows: SheetsInput = {
      s: [UNSIGNED_STUDENT_HEADER, [1401, '가가가', '"010-1401-0001"'], [1402, '나나나', '"010-1401-0002"']],
    };

    it('fails BAD_USER_INPUT (legacyCode −203) for a file not named .xlsx', async () => {
      const res = await importWorkbook(rows, { filename: 'students.csv' });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    });

    it('fails BAD_USER_INPUT for a malformed row, an unknown sheet or a file that is not a workbook', async () => {
      const badPhone = await importWorkbook({
        s: [UNSIGNED_STUDENT_HEADER, [1401, '가가가', '010-1401-0001'], [1402, '나나나', '"010-1401-0002"']],
      });
      expect(firstError(badPhone.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', row: 2 });
      const noSheet = await importWorkbook(rows, { sheet: 'missing' });
      expect(firstError(noSheet.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', sheet: 'missing' });
      const notXlsx = await multipartRequest(
        gateway.url,
        operation('auth/import-unsigned-students'),
        {},
        { file: { bytes: Buffer.from('not a zip'), filename: 'fake.xlsx' } },
        { token: admin },
      );
      expect(firstError(notXlsx.body.errors as Errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });

    it('fails NOT_FOUND when a pre-profile image is missing, saving nothing', async () => {
      const res = await importWorkbook(rows);
      expect(firstError(res.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const sent = await gateway.graphql(
        operation('auth/send-join-sms'),
        { grade: 1, classNumber: 4 },
        { token: admin },
      );
      expect(firstError(sent.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('fails FORBIDDEN for a teacher', async () => {
      const res = await importWorkbook(rows, { token: teacher });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('sendJoinSms errors', () => {
    it('fails NOT_FOUND when no unsigned student matches, FORBIDDEN for a teacher', async () => {
      const none = await gateway.graphql(
        operation('auth/send-join-sms'),
        { grade: 2, classNumber: 4, number: 21 },
        {
          token: admin,
        },
      );
      expect(firstError(none.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const forbidden = await gateway.graphql(operation('auth/send-join-sms'), {}, { token: teacher });
      expect(firstError(forbidden.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('fails INTERNAL_SERVER_ERROR when the SMS gateway refuses', async () => {
      gateway.services.adapters.sms.failNext();
      const res = await gateway.graphql(
        operation('auth/send-join-sms'),
        {
          grade: DEMO_UNSIGNED_STUDENT.grade,
          classNumber: DEMO_UNSIGNED_STUDENT.group,
          number: DEMO_UNSIGNED_STUDENT.studentNumber,
        },
        { token: admin },
      );
      expect(firstError(res.body.errors)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    });
  });

  describe('unsignedStudent and signUpWithAuthCode errors', () => {
    it('fails NOT_FOUND for an unknown code', async () => {
      const read = await gateway.graphql(operation('auth/unsigned-student'), { authCode: 999999 });
      expect(read.body.data).toEqual({ unsignedStudent: null });
      expect(firstError(read.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const signUp = await gateway.graphql(operation('auth/sign-up-with-auth-code'), {
        authCode: 999999,
        loginId: 'nobody1',
        password: 'pass1234',
      });
      expect(firstError(signUp.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('fails CONFLICT without a legacy code when the login id is taken, keeping the code usable', async () => {
      const taken = await gateway.graphql(operation('auth/sign-up-with-auth-code'), {
        authCode: DEMO_UNSIGNED_STUDENT.authCode,
        loginId: 'student1',
        password: 'pass1234',
      });
      expect(firstError(taken.body.errors)).toEqual(expect.objectContaining({ code: 'CONFLICT' }));
      expect(firstError(taken.body.errors)).not.toHaveProperty('legacyCode');
      const read = await gateway.graphql(operation('auth/unsigned-student'), {
        authCode: DEMO_UNSIGNED_STUDENT.authCode,
      });
      expect(read.body.data?.unsignedStudent).toMatchObject({ name: DEMO_UNSIGNED_STUDENT.name });
    });
  });
});
