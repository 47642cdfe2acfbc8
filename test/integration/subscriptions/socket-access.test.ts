import { createAccessTokens, TOKEN_LIFETIME_SECONDS } from '../../../core/access-tokens';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import { liveClient, rawInit, waitForSubscriptions, wsUrlOf, type LiveClient } from '../../helpers/live-client';
import { PARENT1, STUDENT1, TEACHER1, tokenOf } from '../graphql/outing/outing-test-kit';
import WebSocket from 'ws';

const ADMIN = 'admin-000000000001';
const MY_OUTING = 'subscription { myOutingUpdated { id } }';
const ANNOUNCEMENTS = 'subscription { announcementPublished { id } }';

/**
 * Who may open a socket and run what on it: `connection_init` verified as on HTTP (4401 for missing, forged and
 * expired tokens; the socket closes when its token expires), the subscription fields' rules, the limits per
 * socket and per account (4403 for one socket too many), the origin check, and queries kept on HTTP.
 */
describe('live updates: access and limits', () => {
  let gateway: GatewayHarness;
  const clients: LiveClient[] = [];
  const open = (token: string | undefined) => {
    const client = liveClient(gateway.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    gateway = await startGatewayHarness({
      env: {
        SUBSCRIPTIONS_MAX_PER_SOCKET: '2',
        SUBSCRIPTIONS_MAX_PER_USER: '3',
        SUBSCRIPTIONS_MAX_SOCKETS_PER_USER: '3',
        CORS_ORIGINS: 'https://app.dsm.hs.kr',
      },
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    // The server has let go of every subscription before the next test counts them.
    for (const field of ['myOutingUpdated', 'announcementPublished']) await waitForSubscriptions(gateway.url, field, 0);
  });
  afterAll(() => gateway.close());

  it.each([
    ['no payload', undefined, 'missing Authorization header'],
    ['no token', {}, 'missing Authorization header'],
    ['a malformed header', { authorization: 'Token abc' }, 'unsupported Authorization scheme'],
    [
      'a forged token',
      { authorization: `Bearer ${createAccessTokens('not-the-secret').sign(STUDENT1).token}` },
      'invalid token signature',
    ],
    [
      'an expired token',
      {
        authorization: `Bearer ${createAccessTokens(TEST_JWT_SECRET).sign(STUDENT1, Math.floor(Date.now() / 1000) - TOKEN_LIFETIME_SECONDS.student - 3600).token}`,
      },
      'token expired',
    ],
  ])('refuses %s with 4401', async (_case, payload, reason) => {
    const answer = await rawInit(gateway.url, payload);
    expect(answer).toMatchObject({ acked: false, code: 4401, reason });
  });

  it('takes the header in any case (Sandbox and GraphiQL send their Headers tab as the payload)', async () => {
    const answer = await rawInit(gateway.url, { Authorization: `Bearer ${tokenOf(STUDENT1)}` });
    expect(answer.acked).toBe(true);
    answer.socket.close();
  });

  it('closes an open socket with 4401 when its token stops being accepted', async () => {
    // Expired 28 s ago: still inside the 30 s clock skew every check allows, so accepted for about 2 s more.
    const nowSeconds = Math.floor(Date.now() / 1000);
    const token = createAccessTokens(TEST_JWT_SECRET).sign(STUDENT1, nowSeconds - TOKEN_LIFETIME_SECONDS.student - 28);
    const client = open(token.token);
    client.subscribe(MY_OUTING);
    const started = Date.now();
    const closed = await client.closed;
    expect(closed).toEqual({ code: 4401, reason: 'token expired' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('refuses a subscription the account may not run, with FORBIDDEN, and keeps the socket', async () => {
    const client = open(tokenOf(ADMIN));
    const refused = client.subscribe(MY_OUTING);
    expect(await refused.ended).toEqual([
      expect.objectContaining({ message: expect.any(String), extensions: { code: 'FORBIDDEN', legacyCode: -2601 } }),
    ]);
    // The same socket still serves what the account may read.
    client.subscribe(ANNOUNCEMENTS);
    await waitForSubscriptions(gateway.url, 'announcementPublished', 1);
  });

  it('runs only subscriptions: a query over the socket is sent to HTTP', async () => {
    const refused = open(tokenOf(STUDENT1)).subscribe('{ me { id } }');
    expect(await refused.ended).toEqual([
      expect.objectContaining({
        message: 'Only subscriptions run over WebSocket: send queries and mutations to POST /graphql.',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('applies the query limits: an unknown field fails validation', async () => {
    const refused = open(tokenOf(STUDENT1)).subscribe('subscription { nothingHere }');
    expect(await refused.ended).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  it('refuses the subscription over the per-socket limit, then over the per-account limit (RATE_LIMITED)', async () => {
    const first = open(tokenOf(TEACHER1));
    first.subscribe(ANNOUNCEMENTS);
    first.subscribe(ANNOUNCEMENTS);
    const third = first.subscribe(ANNOUNCEMENTS);
    expect(await third.ended).toEqual([
      expect.objectContaining({
        extensions: { code: 'RATE_LIMITED', reason: 'SUBSCRIPTIONS_PER_SOCKET', limit: 2 },
      }),
    ]);
    const second = open(tokenOf(TEACHER1));
    second.subscribe(ANNOUNCEMENTS);
    await waitForSubscriptions(gateway.url, 'announcementPublished', 3);
    const fourth = second.subscribe(ANNOUNCEMENTS);
    expect(await fourth.ended).toEqual([
      expect.objectContaining({ extensions: { code: 'RATE_LIMITED', reason: 'SUBSCRIPTIONS_PER_ACCOUNT', limit: 3 } }),
    ]);
  });

  it('closes the socket over the per-account socket limit with 4403', async () => {
    // An account no other test here opens sockets for, so none of theirs may still be closing.
    const accepted = await Promise.all(
      [1, 2, 3].map(() => rawInit(gateway.url, { authorization: `Bearer ${tokenOf(PARENT1)}` })),
    );
    expect(accepted.map((a) => a.acked)).toEqual([true, true, true]);
    const fourth = await rawInit(gateway.url, { authorization: `Bearer ${tokenOf(PARENT1)}` });
    expect(fourth).toMatchObject({ acked: false, code: 4403, reason: 'at most 3 sockets per account' });
    for (const answer of accepted) answer.socket.close();
  });

  it('refuses an upgrade from an origin CORS_ORIGINS does not list, with 403 before any socket', async () => {
    await expect(rawInit(gateway.url, {}, { origin: 'https://evil.example' })).rejects.toThrow('upgrade refused: 403');
    const allowed = await rawInit(
      gateway.url,
      { authorization: `Bearer ${tokenOf(STUDENT1)}` },
      { origin: 'https://app.dsm.hs.kr' },
    );
    expect(allowed.acked).toBe(true);
    allowed.socket.close();
  });

  it('refuses an upgrade elsewhere than /graphql, and a client without the graphql-transport-ws protocol', async () => {
    await expect(rawInit(gateway.url.replace('/graphql', '/v1/outings'), {})).rejects.toThrow('upgrade refused: 404');
    const noProtocol = new WebSocket(wsUrlOf(gateway.url));
    const code = await new Promise<number>((resolve) => noProtocol.on('close', (c) => resolve(c)));
    expect(code).toBe(4406);
  });

  it('answers a subscription sent over HTTP with a clear error', async () => {
    const res = await gateway.graphql(MY_OUTING, undefined, { token: tokenOf(STUDENT1) });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/WebSocket/);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('live updates turned off (SUBSCRIPTIONS_ENABLED=false)', () => {
  it('refuses an upgrade with 404 and still answers writes', async () => {
    const gateway = await startGatewayHarness({ env: { SUBSCRIPTIONS_ENABLED: 'false' } });
    try {
      await expect(rawInit(gateway.url, {})).rejects.toThrow('upgrade refused: 404');
      const res = await gateway.graphql('{ me { id } }', undefined, { token: tokenOf(STUDENT1) });
      expect(res.body).toEqual({ data: { me: { id: STUDENT1 } } });
    } finally {
      await gateway.close();
    }
  });
});

describe('live updates: heartbeats and the flood guard', () => {
  it('cuts a socket that answers no ping, and keeps one that does', async () => {
    const gateway = await startGatewayHarness({ env: { SUBSCRIPTIONS_HEARTBEAT_MS: '200' } });
    try {
      const auth = { authorization: `Bearer ${tokenOf(STUDENT1)}` };
      const [dead, alive] = await Promise.all([
        rawInit(gateway.url, auth, {}, { autoPong: false }),
        rawInit(gateway.url, auth),
      ]);
      expect([dead.acked, alive.acked]).toEqual([true, true]);
      const code = await new Promise<number>((resolve) => dead.socket.on('close', (c) => resolve(c)));
      // Cut without a close frame.
      expect(code).toBe(1006);
      expect(alive.socket.readyState).toBe(WebSocket.OPEN);
      alive.socket.close();
    } finally {
      await gateway.close();
    }
  });

  it('counts an upgrade as a request: a flooding address gets 429, then 403 while blocked', async () => {
    // Loopback is never counted in development unless the allowlist names something else.
    const gateway = await startGatewayHarness({ env: { FLOOD_THRESHOLD: '3', FLOOD_ALLOWLIST: '192.0.2.1' } });
    try {
      const statuses: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const answer = await rawInit(gateway.url, { authorization: `Bearer ${tokenOf(STUDENT1)}` }).then(
          (a) => {
            a.socket.close();
            return 'acked';
          },
          (error: Error) => error.message,
        );
        statuses.push(answer);
      }
      expect(statuses).toEqual(['acked', 'acked', 'acked', 'upgrade refused: 429', 'upgrade refused: 403']);
    } finally {
      await gateway.close();
    }
  });
});
