import { DEMO_ACCOUNTS, DEMO_PICK_TEACHER } from '../../../../reference-services/demo-data';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';

type Login = { accessToken: string; expiresAt: string; account: Record<string, unknown> };

const HOUR_MS = 3600 * 1000;

/** Every GraphQL login refuses wrong credentials alike, so no answer tells whether an id exists. */
const INVALID_CREDENTIALS = {
  message: 'invalid id or password',
  extensions: { code: 'UNAUTHENTICATED' },
};

describe('GraphQL accounts: logins', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  const errorOf = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) =>
    res.body.errors?.[0]?.extensions;

  it('logs a student in for 7 days, and the token reads `me`', async () => {
    const res = await gateway.graphql<{ loginStudent: Login }>(operation('auth/login-student'), {
      id: 'student1',
      password: 'student1234',
    });
    expect(res.body.errors).toBeUndefined();
    const login = res.body.data?.loginStudent as Login;
    expect(login.account).toEqual({
      __typename: 'Student',
      id: DEMO_ACCOUNTS.student1.uuid,
      role: 'STUDENT',
      name: DEMO_ACCOUNTS.student1.name,
    });
    expect(Date.parse(login.expiresAt) - Date.now()).toBeGreaterThan(7 * 24 * HOUR_MS - 60_000);

    const me = await gateway.graphql(operation('auth/me-account'), {}, { token: login.accessToken });
    expect(me.body).toEqual({
      data: {
        me: {
          __typename: 'Student',
          id: DEMO_ACCOUNTS.student1.uuid,
          role: 'STUDENT',
          name: '홍길동',
          grade: 2,
          classNumber: 1,
          number: 1,
          phoneNumber: DEMO_ACCOUNTS.student1.phoneNumber,
        },
      },
    });
  });

  it.each([
    ['an unknown id', 'nobody', 'student1234'],
    ['a wrong password', 'student1', 'wrong-pass'],
  ])('refuses a student login with %s (%s / %s): UNAUTHENTICATED, no legacy code', async (_case, id, password) => {
    const res = await gateway.graphql(operation('auth/login-student'), { id, password });
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
  });

  it('logs a teacher in locally (the default) for 24 hours', async () => {
    const res = await gateway.graphql<{ loginTeacher: Login }>(operation('auth/login-teacher'), {
      id: 'teacher1',
      password: 'teacher1234',
    });
    expect(res.body.errors).toBeUndefined();
    const login = res.body.data?.loginTeacher as Login;
    expect(login.account).toEqual({
      __typename: 'Teacher',
      id: DEMO_ACCOUNTS.teacher1.uuid,
      role: 'TEACHER',
      name: '김선생',
      homeroom: { grade: 2, classNumber: 1 },
    });
    const lifetime = Date.parse(login.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(23 * HOUR_MS);
    expect(lifetime).toBeLessThanOrEqual(24 * HOUR_MS);
  });

  it.each([
    ['an unknown id', 'nobody', 'teacher1234'],
    ['a wrong password', 'teacher1', 'wrong-pass'],
  ])('refuses a local teacher login with %s (%s / %s): UNAUTHENTICATED', async (_case, id, password) => {
    const res = await gateway.graphql(operation('auth/login-teacher'), { id, password, via: 'LOCAL' });
    expect(res.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
  });

  it('refuses an uncertified teacher: CONFLICT −413, locally and through PICK', async () => {
    const registered = await gateway.graphql(operation('auth/register-teacher'), {
      input: { loginId: 'newteacher', password: 'teach1234', name: '신규교사', phoneNumber: '01077770001' },
    });
    expect(registered.body.errors).toBeUndefined();
    for (const via of ['LOCAL', 'PICK']) {
      const res = await gateway.graphql(operation('auth/login-teacher'), {
        id: 'newteacher',
        password: 'teach1234',
        via,
      });
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', legacyCode: -413 });
    }
  });

  it('logs a local teacher in through PICK without asking PICK, and refuses a wrong password alike', async () => {
    const ok = await gateway.graphql<{ loginTeacher: Login }>(operation('auth/login-teacher'), {
      id: 'teacher1',
      password: 'teacher1234',
      via: 'PICK',
    });
    expect(ok.body.data?.loginTeacher.account.id).toBe(DEMO_ACCOUNTS.teacher1.uuid);
    const wrong = await gateway.graphql(operation('auth/login-teacher'), {
      id: 'teacher1',
      password: 'wrong-pass',
      via: 'PICK',
    });
    expect(wrong.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
  });

  it('answers SERVICE_UNAVAILABLE when PICK cannot be reached', async () => {
    gateway.services.adapters.pick.setReachable(false);
    try {
      const res = await gateway.graphql(operation('auth/login-teacher'), {
        id: DEMO_PICK_TEACHER.id,
        password: DEMO_PICK_TEACHER.password,
        via: 'PICK',
      });
      expect(res.body.data).toBeNull();
      expect(errorOf(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      gateway.services.adapters.pick.setReachable(true);
    }
  });

  it('refuses what PICK rejects as any wrong credentials: UNAUTHENTICATED', async () => {
    const res = await gateway.graphql(operation('auth/login-teacher'), {
      id: DEMO_PICK_TEACHER.id,
      password: 'not-the-pick-password',
      via: 'PICK',
    });
    expect(res.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
  });

  it('logs a PICK teacher in, creating a certified account named by PICK without homeroom or phone', async () => {
    const res = await gateway.graphql<{ loginTeacher: Login }>(operation('auth/login-teacher'), {
      id: DEMO_PICK_TEACHER.id,
      password: DEMO_PICK_TEACHER.password,
      via: 'PICK',
    });
    expect(res.body.errors).toBeUndefined();
    const { account, accessToken } = res.body.data?.loginTeacher as Login;
    expect(account).toMatchObject({
      __typename: 'Teacher',
      role: 'TEACHER',
      name: DEMO_PICK_TEACHER.teacherName,
      homeroom: null,
    });
    const teacher = await gateway.graphql(operation('auth/teacher'), { id: account.id }, { token: accessToken });
    expect(teacher.body.data?.teacher).toMatchObject({ phoneNumber: null });
    // The account now exists locally: the LOCAL login works too.
    const local = await gateway.graphql(operation('auth/login-teacher'), {
      id: DEMO_PICK_TEACHER.id,
      password: DEMO_PICK_TEACHER.password,
    });
    expect(local.body.errors).toBeUndefined();
  });

  it('logs a parent in for 24 hours', async () => {
    const res = await gateway.graphql<{ loginParent: Login }>(operation('auth/login-parent'), {
      id: 'parent1',
      password: 'parent1234',
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.loginParent.account).toEqual({
      __typename: 'Parent',
      id: DEMO_ACCOUNTS.parent1.uuid,
      role: 'PARENT',
      name: '홍판서',
    });
    expect(Date.parse(res.body.data?.loginParent.expiresAt ?? '') - Date.now()).toBeGreaterThan(23 * HOUR_MS);
  });

  it.each([
    ['an unknown id', 'nobody', 'parent1234'],
    ['a wrong password', 'parent1', 'wrong-pass'],
  ])('refuses a parent login with %s (%s / %s): UNAUTHENTICATED', async (_case, id, password) => {
    const res = await gateway.graphql(operation('auth/login-parent'), { id, password });
    expect(res.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
  });

  it.each([
    ['auth/login-admin', 'admin', 'admin1234'],
    ['auth/login-student', 'student1', 'student1234'],
    ['auth/login-teacher', 'teacher1', 'teacher1234'],
    ['auth/login-parent', 'parent1', 'parent1234'],
  ])(
    '%s answers an unknown id and a wrong password with the same bytes (no hint which ids exist)',
    async (name, id) => {
      const unknown = await gateway.graphql(operation(name), { id: `nobody${id}`, password: 'wrong-pass' });
      const wrongPassword = await gateway.graphql(operation(name), { id, password: 'wrong-pass' });
      expect(unknown.status).toBe(wrongPassword.status);
      expect(unknown.body).toEqual(wrongPassword.body);
      expect(unknown.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
      expect(unknown.body.errors?.[0]?.extensions).not.toHaveProperty('legacyCode');
    },
  );

  it('reads the account as itself only when the reply selects its fields', async () => {
    gateway.services.services.resetCallCounts();
    await gateway.login('student', 'student1', 'student1234');
    expect(gateway.services.services.callCounts()).toEqual({ '/auth.student.AuthStudent/LoginStudentAuth': 1 });

    gateway.services.services.resetCallCounts();
    await gateway.graphql(operation('auth/login-student'), { id: 'student1', password: 'student1234' });
    expect(gateway.services.services.callCounts()).toEqual({
      '/auth.student.AuthStudent/LoginStudentAuth': 1,
      '/auth.student.AuthStudent/GetStudentInformsWithUUIDs': 1,
    });
  });

  it('keeps the admin login working, refusing wrong credentials like every login', async () => {
    const ok = await gateway.graphql(operation('auth/login-admin'), { id: 'admin', password: 'admin1234' });
    expect(ok.body.errors).toBeUndefined();
    const unknown = await gateway.graphql(operation('auth/login-admin'), { id: 'nobody', password: 'admin1234' });
    expect(unknown.body.errors?.[0]).toMatchObject(INVALID_CREDENTIALS);
  });

  it('answers `me` for each role with its own fields', async () => {
    const token = await gateway.login('parent', 'parent1', 'parent1234');
    const me = await gateway.graphql(operation('auth/me-account'), {}, { token });
    expect(me.body.data?.me).toEqual({
      __typename: 'Parent',
      id: DEMO_ACCOUNTS.parent1.uuid,
      role: 'PARENT',
      name: '홍판서',
      phoneNumber: DEMO_ACCOUNTS.parent1.phoneNumber,
    });
  });
});
