import jwt from 'jsonwebtoken';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';

describe('legacy login routes (5, 9, 18, 19, 24)', () => {
  let gateway: GatewayHarness;
  let base: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    base = gateway.url.replace('/graphql', '');
  });
  afterAll(() => gateway.close());

  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it.each([
    ['/v1/login/admin', { admin_id: 'admin', admin_pw: 'admin1234' }, 'admin_uuid', 'admin-000000000001', 86400],
    [
      '/v1/login/student',
      { student_id: 'student1', student_pw: 'student1234' },
      'student_uuid',
      'student-000000000001',
      604800,
    ],
    [
      '/v1/login/teacher',
      { teacher_id: 'teacher1', teacher_pw: 'teacher1234' },
      'teacher_uuid',
      'teacher-000000000001',
      86400,
    ],
    [
      '/v1/login/parent',
      { parent_id: 'parent1', parent_pw: 'parent1234' },
      'parent_uuid',
      'parent-000000000001',
      86400,
    ],
  ])('%s answers 200 with a legacy token and the uuid', async (path, body, uuidField, uuid, lifetime) => {
    const res = await post(path, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 200, code: 0, [uuidField]: uuid });
    const claims = jwt.verify(String(res.body.access_token), TEST_JWT_SECRET, {
      algorithms: ['HS512'],
    }) as jwt.JwtPayload;
    expect(claims).toEqual({ uuid, type: 'access_token', exp: expect.any(Number) });
    expect((claims.exp as number) - Date.now() / 1000).toBeGreaterThan(lifetime - 60);
  });

  it.each([
    ['/v1/login/admin', { admin_id: 'nobody', admin_pw: 'x' }, -431],
    ['/v1/login/admin', { admin_id: 'admin', admin_pw: 'wrong' }, -432],
    ['/v1/login/student', { student_id: 'nobody', student_pw: 'x' }, -401],
    ['/v1/login/student', { student_id: 'student1', student_pw: 'wrong' }, -402],
    ['/v1/login/teacher', { teacher_id: 'nobody', teacher_pw: 'x' }, -411],
    ['/v1/login/teacher', { teacher_id: 'teacher1', teacher_pw: 'wrong' }, -412],
    ['/v1/login/parent', { parent_id: 'nobody', parent_pw: 'x' }, -421],
    ['/v1/login/parent', { parent_id: 'parent1', parent_pw: 'wrong' }, -422],
  ])('%s passes the service conflict through (%j → %i)', async (path, body, code) => {
    const res = await post(path, body);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ status: 409, code, message: expect.any(String) });
  });

  it('logs a PICK teacher in through route 19 and creates the local account', async () => {
    const res = await post('/v1/login/teacher/with-pick', { teacher_id: 'pickteacher', teacher_pw: 'pick1234' });
    expect(res).toMatchObject({
      status: 200,
      body: { status: 200, code: 0, teacher_uuid: expect.stringMatching(/^teacher-\d{12}$/) },
    });
  });

  it('answers a missing field with 400 −203 and the validator text', async () => {
    const res = await post('/v1/login/student', { student_id: 'student1' });
    expect(res.body).toEqual({
      status: 400,
      code: -203,
      message: expect.stringContaining(
        "Key: 'LoginStudentAuthRequest.StudentPW' Error:Field validation for 'StudentPW' failed on the 'required' tag",
      ),
    });
  });

  it('answers malformed JSON with 400 −202 and an unsupported content type with 400 −201', async () => {
    expect((await post('/v1/login/student', '{')).body).toMatchObject({ status: 400, code: -202 });
    expect((await post('/v1/login/student', 'x', { 'content-type': 'text/plain' })).body).toMatchObject({
      status: 400,
      code: -201,
    });
  });

  it('answers legacy route 1, GET /ping, with the JSON string "pong"', async () => {
    const res = await fetch(`${base}/ping`);
    expect(res.status).toBe(200);
    expect(await res.json()).toBe('pong');
  });

  it('binds a form body when no content type is sent', async () => {
    const res = await fetch(`${base}/v1/login/admin?admin_id=admin`, {
      method: 'POST',
      body: new TextEncoder().encode('admin_pw=admin1234'),
    });
    expect(res.status).toBe(200);
  });
});
