import { createLogger } from '../../../core/logger';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import { createRawClient, createTally, forgedTokens, type RawClient } from '../../helpers/reliability';

/**
 * Passwords, tokens, the JWT secret and Authorization headers never reach a log line (every level, down to
 * trace) nor an error message, through logins, password changes, forgeries, refusals and upstream timeouts, over
 * GraphQL and REST.
 */
const tally = createTally('secrets-in-logs');
const PASSWORDS = ['student1234', 'teacher1234', 'parent1234', 'admin1234', 'Wr0ngPassw0rd', 'n3wSecret99'];

describe('secrets in logs and error messages', () => {
  const lines: string[] = [];
  const answers: string[] = [];
  const issuedTokens: string[] = [];
  const forged: string[] = [];
  let gateway: GatewayHarness;
  let client: RawClient;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    tally.add('requests carrying secrets');
    const answer = await client.send({
      method: path === '/graphql' ? 'POST' : (headers['x-method'] ?? 'POST'),
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    answers.push(answer.text);
    return answer;
  };

  beforeAll(async () => {
    gateway = await startGatewayHarness({
      // A short budget so a stalled service times out quickly (its failure is logged with the call's facts).
      env: { REQUEST_TIMEOUT_MS: '300' },
      logger: createLogger({
        name: 'gateway',
        level: 'trace',
        destination: { write: (line: string) => void lines.push(line) },
      }),
    });
    client = createRawClient(gateway.url);

    // GraphQL logins: passwords in variables, and written into the query text.
    for (const [field, id, password] of [
      ['loginStudent', 'student1', 'student1234'],
      ['loginTeacher', 'teacher1', 'teacher1234'],
      ['loginParent', 'parent1', 'parent1234'],
      ['loginAdmin', 'admin', 'admin1234'],
    ] as const) {
      const viaVariables = await post('/graphql', {
        query: `mutation L($id: String!, $password: String!) { ${field}(id: $id, password: $password) { accessToken } }`,
        variables: { id, password },
      });
      issuedTokens.push(
        (JSON.parse(viaVariables.text) as { data: Record<string, { accessToken: string }> }).data[field]!.accessToken,
      );
      const inline = await post('/graphql', {
        query: `mutation { ${field}(id: "${id}", password: "${password}") { accessToken } }`,
      });
      issuedTokens.push(
        (JSON.parse(inline.text) as { data: Record<string, { accessToken: string }> }).data[field]!.accessToken,
      );
    }
    const [studentToken] = issuedTokens as [string];
    // Wrong passwords, and a password change (current and new password) refused and accepted.
    await post('/graphql', {
      query: 'mutation { loginStudent(id: "student1", password: "Wr0ngPassw0rd") { accessToken } }',
    });
    await post(
      '/graphql',
      {
        query:
          'mutation C($c: String!, $n: String!) { changeStudentPassword(currentPassword: $c, newPassword: $n) { id } }',
        variables: { c: 'Wr0ngPassw0rd', n: 'n3wSecret99' },
      },
      { authorization: `Bearer ${studentToken}` },
    );
    await post(
      '/graphql',
      {
        query:
          'mutation C($c: String!, $n: String!) { changeStudentPassword(currentPassword: $c, newPassword: $n) { id } }',
        variables: { c: 'student1234', n: 'n3wSecret99' },
      },
      { authorization: `Bearer ${studentToken}` },
    );
    // REST logins and password changes: the legacy field names.
    const rest = await post('/v1/login/student', { student_id: 'student2', student_pw: 'student1234' });
    issuedTokens.push((JSON.parse(rest.text) as { access_token: string }).access_token);
    await post('/v1/login/teacher', { teacher_id: 'teacher1', teacher_pw: 'Wr0ngPassw0rd' });
    await post(
      '/v1/students/uuid/student-000000000002/password',
      { current_pw: 'Wr0ngPassw0rd', revision_pw: 'n3wSecret99' },
      { authorization: `Bearer ${issuedTokens.at(-1)!}`, 'x-method': 'PUT' },
    );
    // Forged and malformed tokens, on both fronts.
    for (const forgery of forgedTokens(TEST_JWT_SECRET, 'admin-000000000001', studentToken)) {
      forged.push(forgery.token);
      await post('/graphql', { query: '{ me { id } }' }, { authorization: `Bearer ${forgery.token}` });
      await client
        .send({ path: '/v1/clubs/count', headers: { authorization: `Bearer ${forgery.token}` } })
        .then((a) => answers.push(a.text));
    }
    // A refusal by the permission rules and a validation failure, with a valid token.
    await post(
      '/graphql',
      { query: '{ outing(id: "outing-000000000002") { id } }' },
      { authorization: `Bearer ${studentToken}` },
    );
    await post(
      '/graphql',
      { query: 'mutation { changeStudentPassword(currentPassword: "student1234", newPassword: "x") { id } }' },
      { authorization: `Bearer ${studentToken}` },
    );
    // Upstream timeouts while a login is in flight: the failure lines name the call, never its request.
    gateway.services.services.stall();
    try {
      await post('/graphql', {
        query: 'mutation { loginParent(id: "parent1", password: "parent1234") { accessToken } }',
      });
      await post('/v1/login/parent', { parent_id: 'parent1', parent_pw: 'parent1234' });
    } finally {
      gateway.services.services.resume();
    }
  });
  afterAll(async () => {
    client?.close();
    tally.flush();
    await gateway?.close();
  });

  it('logged every request (the checks below read real lines)', () => {
    const requestLines = lines.filter((line) => line.includes('"http-request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(40);
    expect(lines.some((line) => /"upstream-call"/.test(line))).toBe(true);
    tally.add('log lines read', lines.length);
  });

  it('no log line holds a password, a token, the JWT secret or an Authorization value', () => {
    const tokens = [...issuedTokens, ...forged];
    const signatures = tokens.map((t) => t.split('.')[2] ?? '').filter((signature) => signature.length > 10);
    const secrets = [...PASSWORDS, ...tokens, ...signatures, TEST_JWT_SECRET];
    for (const line of lines) {
      for (const secret of secrets) {
        if (line.includes(secret))
          throw new Error(`a log line holds a secret (${secret.slice(0, 12)}…): ${line.slice(0, 300)}`);
      }
      expect(line).not.toMatch(/Bearer\s/i);
    }
  });

  it('no answer holds a password, the JWT secret, or a token other than the one a login issues', () => {
    for (const text of answers) {
      expect(text).not.toContain(TEST_JWT_SECRET);
      for (const password of PASSWORDS) expect(text).not.toContain(password);
      expect(text).not.toMatch(/Bearer\s/i);
    }
    expect(answers.filter((text) => forged.some((token) => text.includes(token)))).toEqual([]);
  });
});
