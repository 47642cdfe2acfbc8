import { startGatewayHarness, operation, type GatewayHarness } from '../../helpers/gateway';

describe('GraphQL server', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  it('logs the admin in and answers `me` with the token', async () => {
    const login = await gateway.graphql<{ loginAdmin: { accessToken: string; expiresAt: string; account: object } }>(
      operation('auth/login-admin'),
      { id: 'admin', password: 'admin1234' },
    );
    expect(login.status).toBe(200);
    expect(login.body.errors).toBeUndefined();
    expect(login.body.data?.loginAdmin.account).toEqual({ id: 'admin-000000000001', role: 'ADMIN' });
    expect(Date.parse(login.body.data?.loginAdmin.expiresAt ?? '') - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

    const me = await gateway.graphql(operation('auth/me'), {}, { token: login.body.data?.loginAdmin.accessToken });
    expect(me.body).toEqual({ data: { me: { __typename: 'Admin', id: 'admin-000000000001', role: 'ADMIN' } } });
  });

  it('answers `me` with null without a token', async () => {
    const me = await gateway.graphql(operation('auth/me'));
    expect(me.body).toEqual({ data: { me: null } });
  });

  it('answers a failed login as a field error: 200, no data, UNAUTHENTICATED without a legacy code', async () => {
    const res = await gateway.graphql(operation('auth/login-admin'), { id: 'admin', password: 'wrong-pass' });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('rejects an invalid token for the whole request with 401 and the legacy code', async () => {
    const res = await gateway.graphql(operation('auth/me'), {}, { token: 'not-a-jwt' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: 0 });
  });

  it('answers a malformed query with 400 BAD_USER_INPUT', async () => {
    const res = await gateway.graphql('query { me { ');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('echoes a valid X-Request-Id and replaces an invalid one', async () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      (await gateway.graphql(operation('auth/me'), {}, { headers: { 'x-request-id': id } })).headers.get(
        'x-request-id',
      ),
    ).toBe(id);
    const replaced = (await gateway.graphql(operation('auth/me'), {}, { headers: { 'x-request-id': 'nope' } })).headers;
    expect(replaced.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE before reading it', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query { me { id } }`, variables: { pad: 'x'.repeat(1024 * 1024 + 1) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: Array<{ extensions: object }> }).errors[0]?.extensions).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('reads the body before the token: an oversized body with a forged token is 413, a small one 401', async () => {
    const send = (pad: number) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.here' },
        body: JSON.stringify({ query: `query { me { id } }`, variables: { pad: 'x'.repeat(pad) } }),
      });
    expect((await send(1024 * 1024 + 1)).status).toBe(413);
    expect((await send(10)).status).toBe(401);
  });

  it('answers a body that is not JSON with 400 BAD_USER_INPUT', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
  });

  it('runs a query sent in the URL of a GET', async () => {
    const res = await fetch(`${gateway.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { me: null } });
  });

  it('refuses a mutation sent with GET', async () => {
    const query = encodeURIComponent('mutation { loginAdmin(id: "admin", password: "admin1234") { accessToken } }');
    const res = await fetch(`${gateway.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
  });

  it('tells browsers and proxies to store no GraphQL answer (a 200, a 400), and leaves the Sandbox page alone', async () => {
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.headers.get('cache-control')).toBe('no-store');
    const malformed = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query { me { ' }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('cache-control')).toBe('no-store');
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBeNull();
  });

  it('serves the Sandbox landing page to a browser', async () => {
    const res = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('embeddable-sandbox');
  });

  it('answers health and readiness', async () => {
    const base = gateway.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      discovery: { source: 'static', reachable: true },
      upstreams: { auth: { instances: [{ breaker: 'closed' }] } },
    });
  });
});
