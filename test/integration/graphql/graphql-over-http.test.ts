import { serverAudits, type AuditResult } from 'graphql-http';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

/**
 * GraphQL-over-HTTP conformance: every server audit of graphql-http, one test each. An audit passes, or it is in
 * DEVIATIONS below with the reason (docs/graphql-over-http.md says the same). The test fails if an audit outside
 * the table fails, or if one in the table starts passing, so the table stays true.
 */
const CSRF =
  'CSRF prevention: a GET that carries no preflight-forcing header is a "simple" request, which any web page can ' +
  "make cross-site with the visitor's credentials. Such a GET gets a 400 CSRF error. It runs when it sends " +
  '`apollo-require-preflight: true`, a non-simple content-type, or `x-apollo-operation-name`.';
const STATUS_400 =
  'Request-level errors answer with the status of their error code, for every media type: parse, validation and ' +
  'variable-coercion failures are 400 BAD_USER_INPUT (the GraphQL-over-HTTP spec suggests 200 for ' +
  'application/json, for old clients that cannot read a 4xx body).';

/** Each audit that does not pass: the status graphql-http gives it, why, and the 400 error the gateway answers. */
const DEVIATIONS: Record<string, { status: AuditResult['status']; reason: string; error: RegExp }> = {
  '5A70': { status: 'notice', reason: CSRF, error: /Cross-Site Request Forgery/ },
  D6D5: { status: 'notice', reason: CSRF, error: /Cross-Site Request Forgery/ },
  '6A70': { status: 'notice', reason: CSRF, error: /Cross-Site Request Forgery/ },
  '572B': { status: 'warn', reason: STATUS_400, error: /^Syntax Error/ },
  // The audit's "validation failure" is `{ 8f31… }`, which graphql-js already refuses while parsing.
  FDE2: { status: 'warn', reason: STATUS_400, error: /^Syntax Error/ },
  // The audit's "coercion failure" declares an unused variable, which validation refuses first.
  '7B9B': { status: 'warn', reason: STATUS_400, error: /is never used/ },
};

/** The answer of a failed audit: its HTTP status and its errors' messages and codes. */
async function answerOf(result: AuditResult) {
  if (result.status === 'ok') return undefined;
  const body = (await result.response.json()) as {
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return { status: result.response.status, errors: (body.errors ?? []).map((e) => [e.message, e.extensions?.code]) };
}

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  let gateway: GatewayHarness;
  const url = () => gateway.url;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  const audits = serverAudits({ url });

  it('has a reason for every deviation, and no reason for an audit that does not exist', () => {
    const ids = new Set(audits.map((audit) => audit.id));
    expect(Object.keys(DEVIATIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(audits.map((audit) => [audit.id, audit.name, audit] as const))('%s %s', async (id, _name, audit) => {
    const result = await audit.fn();
    const deviation = DEVIATIONS[id];
    if (!deviation) {
      expect({ status: result.status, reason: result.status === 'ok' ? undefined : result.reason }).toEqual({
        status: 'ok',
        reason: undefined,
      });
      return;
    }
    // Still deviating, for the reason written down: a 400 with the error code that says why.
    expect(result.status).toBe(deviation.status);
    expect(await answerOf(result)).toEqual({
      status: 400,
      errors: [[expect.stringMatching(deviation.error), 'BAD_USER_INPUT']],
    });
  });

  it('passes the GET audits once a GET carries apollo-require-preflight (CSRF prevention is their only failure)', async () => {
    const withPreflight = serverAudits({
      url,
      fetchFn: (input: string, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('apollo-require-preflight', 'true');
        return fetch(input, { ...init, headers });
      },
    }).filter((audit) => DEVIATIONS[audit.id]?.reason === CSRF);
    expect(withPreflight).toHaveLength(3);
    for (const audit of withPreflight) expect(await audit.fn()).toMatchObject({ status: 'ok' });
  });

  it.each([
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
  ])('answers a variable-coercion failure with 400 BAD_USER_INPUT when accepting %s', async (accept, type) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({
        query: 'query Q($limit: Int) { clubs(limit: $limit) { id } }',
        variables: { limit: 'x' },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(type);
    const body = (await res.json()) as {
      data?: unknown;
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.data).toBeUndefined();
    expect(body.errors).toMatchObject([
      { message: expect.stringMatching(/\$limit/), extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });
});
