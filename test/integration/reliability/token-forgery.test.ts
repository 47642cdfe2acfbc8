import { REST_ROUTES } from '../../../rest/routes';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import {
  createRawClient,
  createTally,
  expectCleanRestAnswer,
  expectNoInternals,
  forgedTokens,
  totalCalls,
  type Forgery,
  type RawClient,
} from '../../helpers/reliability';

/**
 * Tokens an attacker can make, sent over HTTP to GraphQL and to every legacy route that needs a token: each is a
 * 401 with its legacy code, carries no data and reaches no service. A forged token is never read as "anonymous".
 */
const tally = createTally('token-forgery');

let gateway: GatewayHarness;
let client: RawClient;
let genuine: string;
let forgeries: Forgery[];

/** Malformed `Authorization` headers (the token is fine, the header is not). */
const headerForgeries = (token: string) => [
  { name: 'lower-case scheme', header: `bearer ${token}`, legacyCode: -106 },
  { name: 'Basic scheme', header: `Basic ${Buffer.from('admin:admin1234').toString('base64')}`, legacyCode: -106 },
  { name: 'two spaces', header: `Bearer  ${token}`, legacyCode: -102 },
  { name: 'scheme only', header: 'Bearer', legacyCode: -102 },
  { name: 'token twice', header: `Bearer ${token} ${token}`, legacyCode: -102 },
];

beforeAll(async () => {
  gateway = await startGatewayHarness();
  client = createRawClient(gateway.url);
  genuine = await gateway.login('student', 'student2', 'student1234');
  // Forged for the admin: the escalation an attacker wants most.
  forgeries = forgedTokens(TEST_JWT_SECRET, 'admin-000000000001', genuine);
});
afterAll(async () => {
  client.close();
  tally.flush();
  await gateway.close();
});

const allForgeries = () => [
  ...forgeries.map((f) => ({ name: f.name, header: `Bearer ${f.token}`, legacyCode: f.legacyCode })),
  ...headerForgeries(genuine),
];

const GRAPHQL_OPERATIONS = [
  // Anonymous-friendly fields: a forged token must not quietly fall back to "no token".
  { name: 'me', query: '{ me { id role } }' },
  { name: 'a login', query: 'mutation { loginStudent(id: "student1", password: "student1234") { accessToken } }' },
  { name: 'an admin read', query: '{ students(filter: { grade: 2 }) { id name phoneNumber } }' },
  { name: 'a teacher read', query: '{ outings { id reason } }' },
  { name: 'an admin write', query: 'mutation { sendJoinSms { sent } }' },
];

describe('token forgeries over HTTP', () => {
  it('the genuine token works (the forgeries below are refused for what they are)', async () => {
    const res = await gateway.graphql('{ me { id } }', {}, { token: genuine });
    expect(res.body).toEqual({ data: { me: { id: 'student-000000000002' } } });
  });

  describe.each(GRAPHQL_OPERATIONS)('GraphQL: $name', ({ query }) => {
    it('refuses every forgery with 401 UNAUTHENTICATED and its legacy code, calling no service', async () => {
      for (const forgery of allForgeries()) {
        tally.add('GraphQL forgery attempts');
        gateway.services.services.resetCallCounts();
        const answer = await client.send({
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', authorization: forgery.header },
          body: JSON.stringify({ query }),
        });
        expectNoInternals(answer.text);
        const body = JSON.parse(answer.text) as {
          data?: unknown;
          errors?: Array<{ extensions?: Record<string, unknown> }>;
        };
        expect({
          forgery: forgery.name,
          status: answer.status,
          data: body.data,
          extensions: body.errors?.[0]?.extensions,
        }).toEqual({
          forgery: forgery.name,
          status: 401,
          data: undefined,
          extensions: { code: 'UNAUTHENTICATED', legacyCode: forgery.legacyCode },
        });
        expect(totalCalls(gateway.services.services.callCounts())).toBe(0);
      }
    });
  });

  const tokenRoutes = REST_ROUTES.filter((route) => route.auth === 'jwt');
  // Route 53 checks the token in its handler, for the actions that need one.
  const routes = [
    ...tokenRoutes.map((route) => ({ id: route.id, method: route.method, path: route.path })),
    { id: 53, method: 'POST', path: '/v1/outings/uuid/:outing_uuid/actions/start' },
  ];

  it(`REST: every one of the ${routes.length} token routes refuses every forgery with 401 and its legacy code, calling no service`, async () => {
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z_]+/g, (name) =>
        name === ':outing_uuid' ? 'outing-000000000002' : name.includes('uuid') ? 'student-000000000001' : '1',
      );
      for (const forgery of allForgeries()) {
        tally.add('REST forgery attempts');
        gateway.services.services.resetCallCounts();
        const answer = await client.send({
          method: route.method,
          path,
          headers: { 'content-type': 'application/json', authorization: forgery.header },
          body: '{}',
        });
        const envelope = expectCleanRestAnswer(answer, route.method);
        expect({ route: route.id, forgery: forgery.name, envelope }).toEqual({
          route: route.id,
          forgery: forgery.name,
          envelope: { status: 401, code: forgery.legacyCode, message: expect.any(String) },
        });
        expect(totalCalls(gateway.services.services.callCounts())).toBe(0);
      }
    }
  });
});
