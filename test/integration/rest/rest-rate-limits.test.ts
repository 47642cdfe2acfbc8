import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { TOKEN } from './route-case';

/**
 * The legacy routes under the same limits as GraphQL: the `@rateLimit` budgets of the GraphQL fields they do
 * the job of (same counters, same keys), and the per-service limits with the client address for anonymous calls.
 * Each test speaks from its own address (X-Forwarded-For from a trusted loopback proxy), so budgets do not mix.
 */
describe('REST rate limits', () => {
  const totalCalls = (gateway: GatewayHarness, rpc?: string) =>
    Object.entries(gateway.services.services.callCounts())
      .filter(([path]) => rpc === undefined || path.endsWith(`/${rpc}`))
      .reduce((sum, [, n]) => sum + n, 0);
  const rest = (gateway: GatewayHarness, method: string, path: string, ip: string, json?: unknown, token?: string) =>
    httpRequest(`${gateway.url.replace('/graphql', '')}${path}`, {
      method,
      headers: {
        'x-forwarded-for': ip,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  const envelopeOf = (res: { status: number; text: string }) => ({
    http: res.status,
    ...(JSON.parse(res.text) as Record<string, unknown>),
  });

  describe('the @rateLimit budgets of the GraphQL fields', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      gateway = await startGatewayHarness({ env: { RATE_LIMIT_DIRECTIVES: 'true', TRUSTED_PROXIES: '127.0.0.1' } });
    });
    afterAll(() => gateway?.close());

    it('one login budget per login id whether REST or GraphQL logs in: the 11th answers 429 with Retry-After', async () => {
      const ip = '198.51.100.1';
      const restLogin = () =>
        rest(gateway, 'POST', '/v1/login/student', ip, { student_id: 'student1', student_pw: 'x' });
      const graphqlLogin = () =>
        gateway.graphql(`mutation { loginStudent(id: "student1", password: "x") { accessToken } }`, undefined, {
          headers: { 'x-forwarded-for': ip },
        });
      // loginStudent: 10 per 5 minutes per login id. Wrong passwords count as much as right ones.
      for (let i = 0; i < 5; i += 1) expect(envelopeOf(await restLogin())).toMatchObject({ http: 409, code: -402 });
      for (let i = 0; i < 5; i += 1) {
        const res = await graphqlLogin();
        expect(res.status).toBe(200);
        expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const before = totalCalls(gateway);
      const refused = await restLogin();
      expect(envelopeOf(refused)).toEqual({ http: 429, status: 429, code: 0, message: expect.any(String) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(totalCalls(gateway)).toBe(before);
      // And GraphQL sees the same spent budget.
      const graphqlRefused = await graphqlLogin();
      expect(graphqlRefused.status).toBe(429);
      expect(graphqlRefused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        field: 'Mutation.loginStudent',
      });
      expect(totalCalls(gateway)).toBe(before);
      // Another login id has its own budget.
      const other = await rest(gateway, 'POST', '/v1/login/student', ip, { student_id: 'student2', student_pw: 'x' });
      expect(envelopeOf(other)).toMatchObject({ http: 409 });
    });

    it('the admin, teacher (both routes) and parent logins count against their GraphQL fields too', async () => {
      const ip = '198.51.100.2';
      // loginTeacher: routes 18 and 19 and the GraphQL field share one budget per login id.
      for (let i = 0; i < 5; i += 1) {
        await rest(gateway, 'POST', '/v1/login/teacher', ip, { teacher_id: 'nobody', teacher_pw: 'x' });
        await rest(gateway, 'POST', '/v1/login/teacher/with-pick', ip, { teacher_id: 'nobody', teacher_pw: 'x' });
      }
      const refused = await rest(gateway, 'POST', '/v1/login/teacher', ip, { teacher_id: 'nobody', teacher_pw: 'x' });
      expect(envelopeOf(refused)).toMatchObject({ http: 429, status: 429 });
      const viaGraphql = await gateway.graphql(
        `mutation { loginTeacher(id: "nobody", password: "x") { accessToken } }`,
        undefined,
        {
          headers: { 'x-forwarded-for': ip },
        },
      );
      expect(viaGraphql.status).toBe(429);
      for (const [path, body] of [
        ['/v1/login/admin', { admin_id: 'nobody', admin_pw: 'x' }],
        ['/v1/login/parent', { parent_id: 'nobody', parent_pw: 'x' }],
      ] as const) {
        for (let i = 0; i < 10; i += 1) expect((await rest(gateway, 'POST', path, ip, body)).status).toBe(409);
        expect((await rest(gateway, 'POST', path, ip, body)).status).toBe(429);
      }
    });

    it('the confirm-code budget per address is shared by route 55, route 53’s parent actions and GraphQL', async () => {
      const ip = '198.51.100.3';
      const code = 'confirm-000000000099';
      // outingByConfirmCode: 20 per 10 minutes per address.
      for (let i = 0; i < 10; i += 1)
        expect((await rest(gateway, 'GET', `/v1/outings/code/${code}`, ip)).status).toBe(404);
      for (let i = 0; i < 10; i += 1) {
        const res = await gateway.graphql(`{ outingByConfirmCode(code: "${code}") { id } }`, undefined, {
          headers: { 'x-forwarded-for': ip },
        });
        expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      const before = totalCalls(gateway);
      const refused = await rest(gateway, 'GET', `/v1/outings/code/${code}`, ip);
      expect(envelopeOf(refused)).toMatchObject({ http: 429, status: 429, code: 0 });
      expect(refused.headers['retry-after']).toBeDefined();
      expect(totalCalls(gateway)).toBe(before);
      // The parent approval has its own field and so its own budget, still per address, REST and GraphQL alike.
      const approve = (n: number) =>
        rest(gateway, 'POST', `/v1/outings/uuid/outing-000000000001/actions/parent-approve?code=${code}${n}`, ip);
      for (let i = 0; i < 20; i += 1) expect((await approve(i % 10)).status).not.toBe(429);
      expect((await approve(0)).status).toBe(429);
    });

    it('sign-up codes: route 16 shares the per-code budget with signUpWithAuthCode, route 15 the per-address one', async () => {
      const ip = '198.51.100.4';
      const signUp = () =>
        rest(gateway, 'POST', '/v1/students/with-code', ip, {
          auth_code: 654321,
          student_id: 'newbie',
          student_pw: 'pass1',
        });
      // signUpWithAuthCode: 5 per 10 minutes per auth code.
      for (let i = 0; i < 3; i += 1) expect((await signUp()).status).toBe(404);
      for (let i = 0; i < 2; i += 1) {
        const res = await gateway.graphql(
          `mutation { signUpWithAuthCode(authCode: 654321, loginId: "newbie", password: "pass1") { id } }`,
          undefined,
          { headers: { 'x-forwarded-for': '198.51.100.5' } },
        );
        expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      expect(envelopeOf(await signUp())).toMatchObject({ http: 429, status: 429 });
      // unsignedStudent: 20 per 10 minutes per address.
      for (let i = 0; i < 20; i += 1)
        expect((await rest(gateway, 'GET', '/v1/students/auth-code/111111', ip)).status).toBe(404);
      expect((await rest(gateway, 'GET', '/v1/students/auth-code/111111', ip)).status).toBe(429);
    });

    it('the join SMS: 5 per hour per caller (an admin)', async () => {
      const ip = '198.51.100.6';
      for (let i = 0; i < 5; i += 1) {
        const res = await rest(
          gateway,
          'POST',
          '/v1/join-sms/unsigned-students?grade=3&group=4&student_number=21',
          ip,
          undefined,
          TOKEN.admin,
        );
        expect(res.status).not.toBe(429);
      }
      const before = totalCalls(gateway);
      const refused = await rest(gateway, 'POST', '/v1/join-sms/unsigned-students?grade=3', ip, undefined, TOKEN.admin);
      expect(envelopeOf(refused)).toMatchObject({ http: 429, status: 429 });
      expect(totalCalls(gateway)).toBe(before);
    });

    it('a refused role is not counted: a denied join SMS leaves the budget alone', async () => {
      const ip = '198.51.100.7';
      for (let i = 0; i < 8; i += 1) {
        const res = await rest(gateway, 'POST', '/v1/join-sms/unsigned-students', ip, undefined, TOKEN.teacher1);
        expect(envelopeOf(res)).toMatchObject({ http: 403, code: 0 });
      }
    });
  });

  describe('per-service limits', () => {
    let gateway: GatewayHarness;
    beforeAll(async () => {
      gateway = await startGatewayHarness({
        env: { RATE_LIMIT_OUTING_RPS: '1', RATE_LIMIT_CLUB_RPS: '1', TRUSTED_PROXIES: '127.0.0.1' },
      });
    });
    afterAll(() => gateway?.close());

    it('count anonymous REST calls by client address: over the limit 429 with Retry-After, no call made', async () => {
      gateway.services.services.resetCallCounts();
      const burst = await Promise.all(
        Array.from({ length: 4 }, () => rest(gateway, 'GET', '/v1/outings/code/confirm-000000000001', '203.0.113.1')),
      );
      const refused = burst.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const res of refused) {
        expect(envelopeOf(res)).toEqual({ http: 429, status: 429, code: 0, message: expect.any(String) });
        expect(res.headers['retry-after']).toBe('1');
      }
      expect(totalCalls(gateway, 'GetOutingByOCode')).toBe(burst.length - refused.length);
      // Another address has its own budget.
      expect((await rest(gateway, 'GET', '/v1/outings/code/confirm-000000000001', '203.0.113.2')).status).toBe(200);
    });

    it('count signed-in REST calls by user', async () => {
      const burst = await Promise.all(
        Array.from({ length: 4 }, () => rest(gateway, 'GET', '/v1/clubs/count', '203.0.113.3', undefined, TOKEN.admin)),
      );
      expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
      expect(burst.find((r) => r.status === 429)?.headers['retry-after']).toBe('1');
    });
  });
});
