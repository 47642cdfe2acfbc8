import { createAccessTokens } from '../../../core/access-tokens';
import { parseConfig, SERVICE_NAMES, type ServiceName } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { DEMO_ACCOUNTS } from '../../../reference-services/demo-data';
import { createGateway, type Gateway } from '../../../src/create-gateway';
import { TEST_JWT_SECRET, TRAFFIC_LIMITS_OFF } from '../../helpers/gateway';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';
import { internalsShownIn } from '../../helpers/reliability';

/**
 * What a client learns when something behind the gateway fails: never an address, a port, a system error name, a
 * file path or a stack frame, in any mode; the service, RPC and gRPC code only outside production. The facts go to
 * the log line of the request id the client got in `X-Request-Id`.
 *
 * auth points at a closed port (every auth call fails to connect); the other services are the reference ones.
 */
const LOGIN = 'mutation { loginStudent(id: "student1", password: "student1234") { accessToken } }';
const CLUB_NOT_MEMBER = {
  query: 'mutation { removeClubMember(clubId: "club-000000000001", studentId: "student-000000000003") { id } }',
};

interface Answer {
  status: number;
  requestId: string | null;
  text: string;
  body: Record<string, unknown>;
}

describe.each([
  ['production', { NODE_ENV: 'production' }],
  ['development', { NODE_ENV: 'development' }],
])('error answers in %s mode', (mode, env) => {
  let services: ReferenceHarness;
  let gateway: Gateway;
  let base: string;
  const lines: Array<Record<string, unknown>> = [];
  const production = mode === 'production';
  const leader = createAccessTokens(TEST_JWT_SECRET).sign(DEMO_ACCOUNTS.student1.uuid).token;

  beforeAll(async () => {
    services = await startReferenceHarness();
    const addresses = Object.fromEntries(
      SERVICE_NAMES.map((s) => [s, [s === 'auth' ? '127.0.0.1:1' : services.services.addresses[s]]]),
    ) as Record<ServiceName, string[]>;
    gateway = await createGateway({
      config: parseConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        JWT_SECRET_KEY: TEST_JWT_SECRET,
        ...TRAFFIC_LIMITS_OFF,
        // Breakers stay closed for the whole suite: each call meets the closed port itself.
        BREAKER_ERROR_THRESHOLD: '1000',
        ...env,
      }),
      logger: createLogger({
        name: 'gateway',
        level: 'info',
        destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
      }),
      registry: createStaticRegistry(addresses),
    });
    base = `http://127.0.0.1:${await gateway.listen()}`;
  });
  afterAll(async () => {
    await gateway?.close();
    await services?.close();
  });

  async function send(path: string, init: RequestInit = {}): Promise<Answer> {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    return { status: res.status, requestId: res.headers.get('x-request-id'), text, body: JSON.parse(text) };
  }
  const post = (path: string, body: unknown, token?: string) =>
    send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  /** The log lines written for one request id (ECS `http.request.id` or the `requestId` binding). */
  const linesOf = (requestId: string | null) =>
    lines.filter(
      (l) =>
        l.requestId === requestId || (l.http as { request?: { id?: string } } | undefined)?.request?.id === requestId,
    );

  it('a transport failure on GraphQL is INTERNAL_SERVER_ERROR "Unexpected error.", upstream facts only outside production', async () => {
    const answer = await post('/graphql', { query: LOGIN });
    expect(answer.status).toBe(200);
    expect(internalsShownIn(answer.text)).toBeUndefined();
    const [error] = answer.body.errors as Array<{ message: string; extensions: Record<string, unknown> }>;
    expect(error?.message).toBe('Unexpected error.');
    expect(error?.extensions).toEqual(
      production
        ? { code: 'INTERNAL_SERVER_ERROR' }
        : { code: 'INTERNAL_SERVER_ERROR', service: 'auth', rpc: 'LoginStudentAuth', grpcCode: 14 },
    );
    // The facts are in the log, under the id the client was given.
    const logged = JSON.stringify(linesOf(answer.requestId));
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain('127.0.0.1:1');
  });

  it('answers the same failure alike once the document is compiled (graphql-jit runs it from the second time)', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await post('/graphql', { query: LOGIN }));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({ message: 'Unexpected error.', path: ['loginStudent'] }),
      ]);
      expect(internalsShownIn(answer.text)).toBeUndefined();
    }
  });

  it('a transport failure on REST is the legacy 500 code 0 with a fixed message', async () => {
    const answer = await post('/v1/login/student', { student_id: 'student1', student_pw: 'student1234' });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ status: 500, code: 0, message: 'Unexpected error.' });
    expect(internalsShownIn(answer.text)).toBeUndefined();
    const logged = JSON.stringify(linesOf(answer.requestId));
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain('127.0.0.1:1');
  });

  it("a service's refusal keeps its message and codes; service, rpc and upstream status only outside production", async () => {
    // The reference club service answers 404 −1723 for a student who is not a member (legacy route 43's RPC).
    const answer = await post('/graphql', CLUB_NOT_MEMBER, leader);
    const [error] = answer.body.errors as Array<{ extensions: Record<string, unknown> }>;
    expect(error?.extensions).toEqual(
      production
        ? { code: 'NOT_FOUND', legacyCode: -1723 }
        : { code: 'NOT_FOUND', legacyCode: -1723, service: 'club', rpc: 'DeleteClubMember', upstreamStatus: 404 },
    );
    const rest = await send('/v1/clubs/uuid/club-000000000001/members/student-000000000003', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(rest.status).toBe(404);
    expect(rest.body).toMatchObject({ status: 404, code: -1723 });
  });

  it('an unknown path answers in the legacy envelope', async () => {
    const answer = await send('/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ status: 404, code: 0, message: 'not found' });
  });
});

describe('an open breaker', () => {
  let services: ReferenceHarness;
  let gateway: Gateway;
  let base: string;

  beforeAll(async () => {
    services = await startReferenceHarness();
    const addresses = Object.fromEntries(
      SERVICE_NAMES.map((s) => [s, [s === 'auth' ? '127.0.0.1:1' : services.services.addresses[s]]]),
    ) as Record<ServiceName, string[]>;
    gateway = await createGateway({
      config: parseConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        JWT_SECRET_KEY: TEST_JWT_SECRET,
        ...TRAFFIC_LIMITS_OFF,
        BREAKER_ERROR_THRESHOLD: '1',
      }),
      logger: createLogger({ name: 'gateway', level: 'silent' }),
      registry: createStaticRegistry(addresses),
    });
    base = `http://127.0.0.1:${await gateway.listen()}`;
  });
  afterAll(async () => {
    await gateway?.close();
    await services?.close();
  });

  it('stays 503 −302 on both front doors and names no instance (an instance id is an address here)', async () => {
    const login = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await login('/graphql', { query: LOGIN }); // opens the breaker (threshold 1)
    const graphql = await login('/graphql', { query: LOGIN });
    const text = await graphql.text();
    expect(internalsShownIn(text)).toBeUndefined();
    expect(JSON.parse(text).errors[0]).toMatchObject({
      message: 'circuit breaker is open for every auth instance',
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'CIRCUIT_OPEN', legacyCode: -302 },
    });
    const rest = await login('/v1/login/student', { student_id: 'student1', student_pw: 'student1234' });
    expect(rest.status).toBe(503);
    expect(await rest.json()).toEqual({
      status: 503,
      code: -302,
      message: 'circuit breaker is open for every auth instance',
    });
  });
});
