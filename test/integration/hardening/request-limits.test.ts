import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { operation, startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

const ROOT = join(__dirname, '../../..');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
type Body = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body | Body[] };
}
const messages = (body: Body | Body[]) => (Array.isArray(body) ? [] : (body.errors ?? []).map((e) => e.message));

describe('request hardening: each limit tripped and just not tripped', () => {
  let limited: GatewayHarness;
  let admin: string;
  beforeAll(async () => {
    limited = await startGatewayHarness({
      env: {
        GRAPHQL_MAX_DEPTH: '5',
        GRAPHQL_MAX_COST: '22',
        GRAPHQL_MAX_ALIASES: '2',
        GRAPHQL_MAX_DIRECTIVES: '2',
        GRAPHQL_MAX_BATCH: '2',
        MAX_REQUEST_BYTES: '2048',
      },
    });
    admin = await limited.login('admin', 'admin', 'admin1234');
  });
  afterAll(() => limited.close());

  const ask = (query: string) => limited.graphql(query, {}, { token: admin });
  const expectLimit = async (query: string, pattern: RegExp) => {
    const res = await ask(query);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.map((e) => e.message).join('\n')).toMatch(pattern);
  };
  const expectWithinLimits = async (query: string) => {
    const res = await ask(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  };

  it('query depth: 5 levels run, 6 are refused', async () => {
    await expectWithinLimits('{ clubs { leader { parent { children { id } } } } }');
    await expectLimit('{ clubs { leader { parent { children { parent { id } } } } } }', /depth limit of 5/);
  });

  it('cost: 21.3 runs, 24.25 is refused', async () => {
    await expectWithinLimits('{ clubs { leader { parent { children { id } } } } }');
    await expectLimit(
      '{ clubs { id name concept introduction field location floor link logoUri leader { id } } me { id } }',
      /Query Cost limit of 22 exceeded, found 24\.25/,
    );
  });

  it('aliases: 2 run, 3 are refused', async () => {
    await expectWithinLimits('{ a: me { id } b: me { id } }');
    await expectLimit('{ a: me { id } b: me { id } c: me { id } }', /Aliases limit of 2 exceeded/);
  });

  it('directives: 2 run, 3 are refused', async () => {
    await expectWithinLimits('{ me @include(if: true) { id @skip(if: false) } }');
    await expectLimit(
      '{ me @include(if: true) { id @skip(if: false) role @skip(if: false) } }',
      /Directives limit of 2 exceeded/,
    );
  });

  it('batches: 2 operations run, 3 are refused before Apollo', async () => {
    const one = { query: '{ me { id } }' };
    const ok = await post(limited.url, [one, one], { authorization: `Bearer ${admin}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual([
      { data: { me: { id: 'admin-000000000001' } } },
      { data: { me: { id: 'admin-000000000001' } } },
    ]);
    const tooMany = await post(limited.url, [one, one, one], { authorization: `Bearer ${admin}` });
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as Body).errors?.[0]).toMatchObject({
      message: 'a batch may hold at most 2 operations, this one holds 3',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('body size: 2048 bytes are read, 2049 are refused with 413', async () => {
    const padded = (size: number) => {
      const shell = JSON.stringify({ query: '{ me { id } }', variables: { pad: '' } });
      return JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(size - shell.length) } });
    };
    expect(Buffer.byteLength(padded(2048))).toBe(2048);
    expect((await post(limited.url, padded(2048))).status).toBe(200);
    const tooLarge = await post(limited.url, padded(2049));
    expect(tooLarge.status).toBe(413);
    expect((tooLarge.body as Body).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('request hardening: the token limit', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness({ env: { GRAPHQL_MAX_TOKENS: '40' } });
  });
  afterAll(() => gateway.close());

  it('parses 40 tokens and refuses 41 while parsing', async () => {
    // `{ me { … } }` is 5 tokens, each further `id` one more.
    const ok = await gateway.graphql(`{ me { ${'id '.repeat(35)}} }`);
    expect(ok.body).toEqual({ data: { me: null } });
    const tooMany = await gateway.graphql(`{ me { ${'id '.repeat(36)}} }`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/contains more tha[nt] 40 tokens/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('request hardening: defaults (development)', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  it('answers introspection, and suggests field names', async () => {
    const res = await gateway.graphql('{ __schema { queryType { name } } }');
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const typo = await gateway.graphql('{ mee { id } }');
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "me"/);
  });

  it('runs any valid operation (no safelist)', async () => {
    const res = await gateway.graphql('query NotInTheSafelist { me { id } }');
    expect(res.body).toEqual({ data: { me: null } });
  });

  it('registers an automatic persisted query, then runs it from its hash alone', async () => {
    const query = 'query ApqMe { me { id } }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const miss = await post(gateway.url, { extensions: { persistedQuery } });
    expect(messages(miss.body)).toEqual(['PersistedQueryNotFound']);
    const register = await post(gateway.url, { query, extensions: { persistedQuery } });
    expect(register.body).toEqual({ data: { me: null } });
    const hit = await post(gateway.url, { extensions: { persistedQuery } });
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual({ data: { me: null } });
  });

  it('answers a CORS preflight from any origin with the legacy and Apollo headers, before any route', async () => {
    gateway.services.services.resetCallCounts();
    const res = await fetch(gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'authorization',
        'request-security',
        'content-type',
        'apollo-require-preflight',
        'x-apollo-operation-name',
      ]),
    );
    expect(gateway.services.services.callCounts()).toEqual({});
  });

  it('adds the CORS origin header to a cross-origin request, and none to a same-origin one', async () => {
    const cross = await gateway.graphql('{ me { id } }', {}, { headers: { origin: 'https://app.example' } });
    expect(cross.headers.get('access-control-allow-origin')).toBe('*');
    expect(cross.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const same = await gateway.graphql('{ me { id } }');
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("keeps Apollo's CSRF prevention: a simple (non-preflighted) request is refused", async () => {
    const textPlain = await post(gateway.url, JSON.stringify({ query: '{ me { id } }' }), {
      'content-type': 'text/plain',
    });
    expect(textPlain.status).toBe(400);
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(400);
    const preflighted = await fetch(`${gateway.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });
});

describe('request hardening: production settings (introspection off, safelist on, CORS allowlist)', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness({
      env: {
        NODE_ENV: 'production',
        GRAPHQL_SAFELIST: 'true',
        GRAPHQL_SAFELIST_FILE: join(ROOT, 'safelist.json'),
        CORS_ORIGINS: 'https://school.example, https://admin.school.example',
      },
    });
  });
  afterAll(() => gateway.close());

  it('refuses introspection and hides field suggestions', async () => {
    const res = await gateway.graphql('{ __schema { queryType { name } } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const typo = await gateway.graphql('{ mee { id } }');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('serves no Sandbox page', async () => {
    const res = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/sandbox/i);
  });

  it('runs a safelisted operation, however it is formatted', async () => {
    const login = await gateway.graphql(operation('auth/login-admin'), { id: 'admin', password: 'admin1234' });
    expect(login.body.errors).toBeUndefined();
    const reformatted = operation('auth/me').replace(/\s+/g, '  ');
    const me = await gateway.graphql(reformatted);
    expect(me.body).toEqual({ data: { me: null } });
  });

  it('refuses any other operation with 403 before any service call', async () => {
    gateway.services.services.resetCallCounts();
    const res = await gateway.graphql('mutation { loginAdmin(id: "admin", password: "admin1234") { accessToken } }');
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([
      {
        message: expect.stringContaining('not on the safelist'),
        extensions: { code: 'FORBIDDEN', reason: 'OPERATION_NOT_SAFELISTED' },
      },
    ]);
    expect(gateway.services.services.callCounts()).toEqual({});
  });

  it('checks an automatic persisted query against the safelist too', async () => {
    const query = 'query Sneaky { me { id role } }';
    const res = await post(gateway.url, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(res.status).toBe(403);
    const listed = operation('auth/me');
    const persistedQuery = { version: 1, sha256Hash: sha256(listed) };
    expect((await post(gateway.url, { query: listed, extensions: { persistedQuery } })).status).toBe(200);
    expect((await post(gateway.url, { extensions: { persistedQuery } })).body).toEqual({ data: { me: null } });
  });

  it('allows only the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(gateway.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('https://admin.school.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.school.example');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
