import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import {
  createRawClient,
  createTally,
  expectCleanGraphQLAnswer,
  expectNoInternals,
  type RawClient,
} from '../../helpers/reliability';

/**
 * NODE_ENV=production: no introspection in any disguise (aliases, fragments, GET, batches, `__type`), no field
 * suggestions that would map the schema anyway, no Apollo Sandbox page, and no stack trace in any error.
 */
const tally = createTally('production-config');

const INTROSPECTION_DISGUISES = [
  '{ __schema { types { name } } }',
  '{ __type(name: "Query") { fields { name } } }',
  '{ s: __schema { queryType { name } } }',
  '{ ...F } fragment F on Query { __schema { types { name } } }',
  '{ ... on Query { __type(name: "Student") { fields { name } } } }',
  '{ clubCount __schema { directives { name } } }',
  'query IntrospectionQuery { __schema { mutationType { fields { name args { name } } } } }',
];

describe('production configuration', () => {
  let gateway: GatewayHarness;
  let client: RawClient;
  let token: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness({ env: { NODE_ENV: 'production' } });
    client = createRawClient(gateway.url);
    token = await gateway.login('student', 'student1', 'student1234');
  });
  afterAll(async () => {
    client.close();
    tally.flush();
    await gateway.close();
  });

  it.each(INTROSPECTION_DISGUISES)('refuses introspection over POST, GET and in a batch: %s', async (query) => {
    const asked = [
      await client.send({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      }),
      await client.send({
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent(query)}`,
        headers: { 'apollo-require-preflight': 'true' },
      }),
      await client.send({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query }]),
      }),
    ];
    for (const answer of asked) {
      tally.add('introspection attempts');
      expectCleanGraphQLAnswer(answer);
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/introspection/i);
      expect(answer.text).not.toMatch(/"(fields|types|directives|queryType|mutationType)"/);
    }
  });

  it('still answers __typename (not introspection)', async () => {
    const res = await gateway.graphql('{ __typename clubCount }', {}, { token });
    expect(res.body).toEqual({ data: { __typename: 'Query', clubCount: 2 } });
  });

  it('gives no "Did you mean" hints that would map the schema field by field', async () => {
    for (const query of [
      '{ mee { id } }',
      '{ clubs { nam } }',
      'mutation { loginStudnt(id: "a", password: "b") { accessToken } }',
      '{ outings(filter: { statu: APPROVED }) { id } }',
    ]) {
      tally.add('suggestion probes');
      const answer = await client.send({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      expectCleanGraphQLAnswer(answer);
      expect(answer.status).toBe(400);
      expect(answer.text).not.toMatch(/Did you mean/);
    }
  });

  it('serves no Apollo Sandbox page, to a browser or anyone', async () => {
    const probes: Array<Record<string, string>> = [
      { accept: 'text/html' },
      { accept: 'text/html', 'apollo-require-preflight': 'true' },
      { accept: '*/*' },
    ];
    for (const headers of probes) {
      tally.add('sandbox probes');
      const answer = await client.send({ method: 'GET', path: '/graphql', headers });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).not.toMatch(/embeddable-sandbox|<html|<script/i);
      expectNoInternals(answer.text);
    }
  });

  it('keeps stack traces out of every error it answers', async () => {
    const bodies = [
      '{',
      '{"query": 5}',
      JSON.stringify({ query: '{ outing(id: "outing-000000000002") { id } }' }),
      JSON.stringify({ query: '{ me { id } }', operationName: '' }),
    ];
    for (const body of bodies) {
      tally.add('error probes');
      const answer = await client.send({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      expectCleanGraphQLAnswer(answer);
      expect(answer.text).not.toMatch(/stacktrace|exception/i);
    }
  });
});

describe('development configuration (the contrast: what production turns off)', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  it('answers introspection and serves the Sandbox page', async () => {
    const introspection = await gateway.graphql('{ __schema { queryType { name } } }');
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('embeddable-sandbox');
  });
});
