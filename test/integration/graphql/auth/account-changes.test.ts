import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';

type Errors = Array<{ extensions?: Record<string, unknown> }> | undefined;
const firstError = (errors: Errors) => errors?.[0]?.extensions;

/**
 * Password and phone changes on accounts this file creates itself (students, parents and teachers made through
 * the API), so the demo accounts keep their passwords.
 */
describe('GraphQL accounts: password and phone changes', () => {
  let gateway: GatewayHarness;
  let admin: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    admin = await gateway.login('admin', 'admin', 'admin1234');
  });
  afterAll(() => gateway.close());

  async function createParent(loginId: string, phoneNumber: string): Promise<string> {
    const res = await gateway.graphql<{ createParent: { id: string } }>(
      operation('auth/create-parent'),
      { input: { loginId, password: 'pass1234', name: '김부모', phoneNumber, children: [] } },
      { token: admin },
    );
    if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.createParent.id;
  }

  async function signUpStudent(loginId: string): Promise<string> {
    // The demo unsigned student (auth code 123456) is the one account a test can sign up without an import.
    const res = await gateway.graphql<{ signUpWithAuthCode: { id: string } }>(
      operation('auth/sign-up-with-auth-code'),
      {
        authCode: 123456,
        loginId,
        password: 'pass1234',
      },
    );
    if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.signUpWithAuthCode.id;
  }

  describe.each([
    {
      role: 'student' as const,
      field: 'changeStudentPassword',
      fixture: 'auth/change-student-password',
      wrongCode: -701,
      create: () => signUpStudent('changer1'),
      loginId: 'changer1',
    },
    {
      role: 'parent' as const,
      field: 'changeParentPassword',
      fixture: 'auth/change-parent-password',
      wrongCode: -901,
      create: () => createParent('changer2', '01055550001'),
      loginId: 'changer2',
    },
  ])('$field', ({ role, field, fixture, wrongCode, create, loginId }) => {
    let id: string;
    let token: string;
    beforeAll(async () => {
      id = await create();
      token = await gateway.login(role, loginId, 'pass1234');
    });

    it('changes the password (self, id defaulted), and the new one logs in', async () => {
      const res = await gateway.graphql(
        operation(fixture),
        { currentPassword: 'pass1234', newPassword: 'next1234' },
        { token },
      );
      expect(res.body).toEqual({ data: { [field]: { id } } });
      await expect(gateway.login(role, loginId, 'pass1234')).rejects.toThrow();
      token = await gateway.login(role, loginId, 'next1234');
    });

    it('lets an admin change it by id', async () => {
      const res = await gateway.graphql(
        operation(fixture),
        { id, currentPassword: 'next1234', newPassword: 'pass1234' },
        { token: admin },
      );
      expect(res.body).toEqual({ data: { [field]: { id } } });
    });

    it(`fails CONFLICT ${wrongCode} for a wrong current password`, async () => {
      const res = await gateway.graphql(
        operation(fixture),
        { currentPassword: 'not-it', newPassword: 'next1234' },
        { token },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res.body.errors)).toMatchObject({ code: 'CONFLICT', legacyCode: wrongCode });
    });

    it('fails FORBIDDEN for another account, NOT_FOUND for an unknown one, UNAUTHENTICATED without token or id', async () => {
      const other = role === 'student' ? DEMO_ACCOUNTS.student1.uuid : DEMO_ACCOUNTS.parent1.uuid;
      const forbidden = await gateway.graphql(
        operation(fixture),
        { id: other, currentPassword: 'pass1234', newPassword: 'next1234' },
        { token },
      );
      expect(firstError(forbidden.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
      const unknown = await gateway.graphql(
        operation(fixture),
        { id: `${role}-999999999999`, currentPassword: 'pass1234', newPassword: 'next1234' },
        { token: admin },
      );
      expect(firstError(unknown.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const anonymous = await gateway.graphql(operation(fixture), {
        currentPassword: 'pass1234',
        newPassword: 'next1234',
      });
      expect(firstError(anonymous.body.errors)).toMatchObject({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    });
  });

  describe('teacher password and phone', () => {
    let id: string;
    let token: string;
    beforeAll(async () => {
      // A registered teacher cannot log in until certified, so this one comes through PICK (certified at once).
      const login = await gateway.graphql<{ loginTeacher: { accessToken: string; account: { id: string } } }>(
        operation('auth/login-teacher'),
        { id: 'pickteacher', password: 'pick1234', via: 'PICK' },
      );
      token = login.body.data?.loginTeacher.accessToken as string;
      id = login.body.data?.loginTeacher.account.id as string;
    });

    it('changes the password (self), and fails CONFLICT −801 for a wrong current one', async () => {
      const ok = await gateway.graphql(
        operation('auth/change-teacher-password'),
        { currentPassword: 'pick1234', newPassword: 'next1234' },
        { token },
      );
      expect(ok.body).toEqual({ data: { changeTeacherPassword: { id } } });
      await gateway.login('teacher', 'pickteacher', 'next1234');
      const wrong = await gateway.graphql(
        operation('auth/change-teacher-password'),
        { currentPassword: 'pick1234', newPassword: 'next1234' },
        { token },
      );
      expect(firstError(wrong.body.errors)).toMatchObject({ code: 'CONFLICT', legacyCode: -801 });
    });

    it('lets an admin change it by id; FORBIDDEN for another teacher; NOT_FOUND for an unknown one', async () => {
      const ok = await gateway.graphql(
        operation('auth/change-teacher-password'),
        { id, currentPassword: 'next1234', newPassword: 'pick1234' },
        { token: admin },
      );
      expect(ok.body.errors).toBeUndefined();
      const forbidden = await gateway.graphql(
        operation('auth/change-teacher-password'),
        { id: DEMO_ACCOUNTS.teacher1.uuid, currentPassword: 'teacher1234', newPassword: 'next1234' },
        { token },
      );
      expect(firstError(forbidden.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
      const unknown = await gateway.graphql(
        operation('auth/change-teacher-password'),
        { id: 'teacher-999999999999', currentPassword: 'x', newPassword: 'next1234' },
        { token: admin },
      );
      expect(firstError(unknown.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('changes the phone number (self and admin) and answers the new one', async () => {
      const self = await gateway.graphql(
        operation('auth/change-teacher-phone-number'),
        { phoneNumber: '01066660001' },
        { token },
      );
      expect(self.body).toEqual({ data: { changeTeacherPhoneNumber: { id, phoneNumber: '01066660001' } } });
      const byAdmin = await gateway.graphql(
        operation('auth/change-teacher-phone-number'),
        { id, phoneNumber: '01066660002' },
        { token: admin },
      );
      expect(byAdmin.body).toEqual({ data: { changeTeacherPhoneNumber: { id, phoneNumber: '01066660002' } } });
    });

    it('fails FORBIDDEN, NOT_FOUND, CONFLICT (number taken) and BAD_USER_INPUT (malformed number)', async () => {
      const forbidden = await gateway.graphql(
        operation('auth/change-teacher-phone-number'),
        { id: DEMO_ACCOUNTS.teacher1.uuid, phoneNumber: '01066660003' },
        { token },
      );
      expect(firstError(forbidden.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
      const unknown = await gateway.graphql(
        operation('auth/change-teacher-phone-number'),
        { id: 'teacher-999999999999', phoneNumber: '01066660003' },
        { token: admin },
      );
      expect(firstError(unknown.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const taken = await gateway.graphql(
        operation('auth/change-teacher-phone-number'),
        { phoneNumber: DEMO_ACCOUNTS.teacher1.phoneNumber },
        { token },
      );
      expect(firstError(taken.body.errors)).toMatchObject({ code: 'CONFLICT' });
      const malformed = await gateway.graphql(
        operation('auth/change-teacher-phone-number'),
        { phoneNumber: '12345' },
        { token },
      );
      expect(firstError(malformed.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });
});
