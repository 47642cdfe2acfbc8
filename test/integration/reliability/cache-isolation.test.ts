import fc from 'fast-check';
import Redis from 'ioredis';
import { createAccessTokens } from '../../../core/access-tokens';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import {
  createRawClient,
  createTally,
  expectCleanGraphQLAnswer,
  propertyOptions,
  type RawAnswer,
  type RawClient,
} from '../../helpers/reliability';
import { testRedisOptions, testRedisUrl } from '../../helpers/test-redis';

/**
 * Cross-user cache reads and cache poisoning, in memory and on Redis: user A warms a private read; any other
 * caller sending the same read (or any variant of its text, operation name, variables or transport) gets their own
 * answer, never A's; a role-wide entry never serves a role the field refuses; refusals and partial answers are
 * never stored for anyone.
 */
const REDIS_DB = 7;
const tally = createTally('cache-isolation');
const sign = createAccessTokens(TEST_JWT_SECRET);
const ACCOUNTS = {
  student1: 'student-000000000001',
  student2: 'student-000000000002',
  student3: 'student-000000000003',
  teacher: 'teacher-000000000001',
  parent: 'parent-000000000001',
  admin: 'admin-000000000001',
} as const;
type Who = keyof typeof ACCOUNTS;
const tokens = Object.fromEntries(
  Object.entries(ACCOUNTS).map(([who, uuid]) => [who, sign.sign(uuid).token]),
) as Record<Who, string>;

interface PrivateRead {
  name: string;
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
  /** Who warms it. */
  owner: Who;
  /** Who must never get the owner's entry. */
  others: Who[];
}

const PRIVATE_READS: PrivateRead[] = [
  {
    name: 'me',
    query: 'query Me { me { id role } }',
    operationName: 'Me',
    variables: {},
    owner: 'student1',
    others: ['student2', 'student3', 'teacher', 'parent', 'admin'],
  },
  {
    name: 'my outings',
    query: 'query Mine($limit: Int) { myOutings(limit: $limit) { id reason status } }',
    operationName: 'Mine',
    variables: { limit: 20 },
    owner: 'student1',
    others: ['student2', 'student3', 'teacher', 'parent'],
  },
  {
    name: 'an outing by id',
    query: 'query One($id: ID!) { outing(id: $id) { id place reason } }',
    operationName: 'One',
    variables: { id: 'outing-000000000004' },
    owner: 'student1',
    others: ['student2', 'student3', 'teacher', 'parent'],
  },
  {
    name: 'the timetable',
    query: 'query Days($date: LocalDate!, $days: Int) { timetable(date: $date, days: $days) { date periods } }',
    operationName: 'Days',
    variables: { date: '2026-11-25', days: 2 },
    owner: 'student1',
    others: ['student2', 'student3', 'teacher'],
  },
  {
    name: 'announcements with isRead',
    query: 'query News($type: AnnouncementType!) { announcements(type: $type) { total items { id title isRead } } }',
    operationName: 'News',
    variables: { type: 'SCHOOL' },
    owner: 'student1',
    others: ['student2', 'student3', 'parent'],
  },
  {
    name: 'the unread check',
    query: 'query Unread { unreadAnnouncements { school club } }',
    operationName: 'Unread',
    variables: {},
    owner: 'student1',
    others: ['student2', 'student3', 'teacher'],
  },
  {
    name: "a student's parent",
    query: 'query Kin($id: ID!) { student(id: $id) { id parent { id name phoneNumber } } }',
    operationName: 'Kin',
    variables: { id: 'student-000000000001' },
    owner: 'student1',
    others: ['student2', 'teacher', 'parent'],
  },
  {
    name: "a parent's children",
    query: 'query Kids($id: ID!) { parent(id: $id) { id children { id name } } }',
    operationName: 'Kids',
    variables: { id: 'parent-000000000001' },
    owner: 'parent',
    others: ['student1', 'student2', 'teacher'],
  },
  {
    name: "a teacher's outing filter",
    query: 'query Desk { outings(filter: { status: WAITING_FOR_TEACHER }) { id reason student { id } } }',
    operationName: 'Desk',
    variables: {},
    owner: 'teacher',
    others: ['student1', 'student2', 'parent'],
  },
];

/** Legacy GET routes with per-caller answers: the owner warms each; others are refused or get their own. */
const REST_PRIVATE_READS: Array<{ name: string; path: string; owner: Who; others: Who[]; secrets?: string[] }> = [
  {
    name: "student1's outing (51)",
    path: '/v1/outings/uuid/outing-000000000001',
    owner: 'student1',
    others: ['student2', 'teacher', 'parent', 'admin'],
    secrets: ['부모님 확인 대기'],
  },
  {
    name: "student1's outing card (52)",
    path: '/v1/outings/uuid/outing-000000000004/card',
    owner: 'student1',
    others: ['student2', 'teacher', 'parent', 'admin'],
    secrets: ['통장 발급'],
  },
  {
    name: "student1's outings (50)",
    path: '/v1/students/uuid/student-000000000001/outings',
    owner: 'student1',
    others: ['student2', 'teacher', 'parent', 'admin'],
    secrets: ['부모님 확인 대기', '통장 발급'],
  },
  {
    name: "student1's parent (14)",
    path: '/v1/students/uuid/student-000000000001/parent',
    owner: 'student1',
    others: ['student2', 'teacher', 'parent'],
    secrets: ['parent-000000000001'],
  },
  {
    name: "parent1's children (28)",
    path: '/v1/parents/uuid/parent-000000000001/children',
    owner: 'parent',
    others: ['student1', 'student2', 'teacher'],
    secrets: ['student-000000000001'],
  },
  {
    name: "the teacher's outing filter (54)",
    path: '/v1/outings/with-filter?status=1',
    owner: 'teacher',
    others: ['student1', 'student2', 'parent'],
    secrets: ['교재 구입'],
  },
  {
    name: "student1's timetable (59)",
    path: '/v1/time-tables/years/2026/months/11/days/25',
    owner: 'student1',
    others: ['student2', 'student3'],
  },
];

interface Variant {
  operationName: 'same' | 'absent' | 'empty' | 'other';
  text: 'same' | 'spaces' | 'comment' | 'newlines';
  extraVariables: Record<string, unknown> | null;
  reorderVariables: boolean;
  transport: 'POST' | 'POST charset' | 'GET' | 'batch';
  anonymous: boolean;
}

describe.each([
  ['in memory', {}],
  ['on Redis', { REDIS_URL: testRedisUrl(REDIS_DB) }],
])('cache isolation %s', (_backend, env: Record<string, string>) => {
  let gateway: GatewayHarness;
  let client: RawClient;
  let redis: Redis | undefined;
  /** What each caller gets for each read when nothing is cached for it (a text no one else sent). */
  const truth = new Map<string, unknown>();

  const send = (read: PrivateRead, variant: Partial<Variant> & { who?: Who | undefined; comment?: string }) => {
    const queryText = {
      same: read.query,
      spaces: `  ${read.query.replace(/ /g, '  ')}  `,
      comment: `${read.query}\n# ${variant.comment ?? 'variant'}`,
      newlines: read.query.replace(/ \{/g, '\n{'),
    }[variant.text ?? 'same'];
    const operationName = { same: read.operationName, absent: undefined, empty: '', other: 'NotThisOne' }[
      variant.operationName ?? 'same'
    ];
    const entries = Object.entries({ ...read.variables, ...(variant.extraVariables ?? {}) });
    const variables = Object.fromEntries(variant.reorderVariables ? entries.reverse() : entries);
    const body = { query: queryText, ...(operationName === undefined ? {} : { operationName }), variables };
    const auth: Record<string, string> = variant.who ? { authorization: `Bearer ${tokens[variant.who]}` } : {};
    switch (variant.transport ?? 'POST') {
      case 'GET': {
        const search = new URLSearchParams({
          query: queryText,
          variables: JSON.stringify(variables),
          ...(operationName === undefined ? {} : { operationName }),
        });
        return client.send({
          method: 'GET',
          path: `/graphql?${search}`,
          headers: { ...auth, 'apollo-require-preflight': 'true' },
        });
      }
      case 'batch':
        return client.send({
          method: 'POST',
          path: '/graphql',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify([body]),
        });
      case 'POST charset':
        return client.send({
          method: 'POST',
          path: '/graphql',
          headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
        });
      default:
        return client.send({
          method: 'POST',
          path: '/graphql',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
    }
  };
  const dataOf = (answer: RawAnswer): unknown => {
    const parsed = JSON.parse(answer.text) as { data?: unknown } | Array<{ data?: unknown }>;
    return (Array.isArray(parsed) ? parsed[0] : parsed)?.data ?? null;
  };
  /** The caller's own answer, from a query text no one else has sent. */
  const truthOf = async (read: PrivateRead, who: Who | undefined) => {
    const key = `${read.name}/${who ?? 'anonymous'}`;
    if (!truth.has(key)) truth.set(key, dataOf(await send(read, { who, text: 'comment', comment: `truth of ${key}` })));
    return truth.get(key);
  };

  beforeAll(async () => {
    if (env.REDIS_URL) {
      redis = new Redis({ ...testRedisOptions(REDIS_DB), lazyConnect: true });
      await redis.connect();
      await redis.flushdb();
    }
    gateway = await startGatewayHarness({ env });
    client = createRawClient(gateway.url);
    // A lookup made before the cache's Redis connection is up would not store: wait until it reports healthy.
    for (let i = 0; i < 50; i += 1) {
      const ready = JSON.parse((await client.send({ path: '/readyz' })).text) as { cache?: { healthy?: boolean } };
      if (ready.cache?.healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // student1 opens every announcement aimed at them, so their unread check and isRead flags differ from others'.
    const opened = await gateway.graphql(
      '{ a: announcement(id: "announcement-000000000001") { id } b: announcement(id: "announcement-000000000002") { id } c: announcement(id: "announcement-000000000004") { id } }',
      {},
      { token: tokens.student1 },
    );
    expect(opened.body.errors).toBeUndefined();
    // Every owner warms their read: the second ask must come from the cache (the fast path marks it).
    for (const read of PRIVATE_READS) {
      const first = await send(read, { who: read.owner });
      expect(JSON.parse(first.text)).not.toHaveProperty('errors');
      const second = await send(read, { who: read.owner });
      expect({ read: read.name, cache: second.headers['x-cache'] }).toEqual({ read: read.name, cache: 'HIT' });
    }
  });
  afterAll(async () => {
    client?.close();
    await gateway?.close();
    redis?.disconnect();
    tally.flush();
  });

  const pairs = PRIVATE_READS.flatMap((read) => read.others.map((who) => ({ read, who })));

  it.each(pairs.map(({ read, who }) => [read.name, who, read] as const))(
    "%s: %s sending the owner's exact request gets their own answer, never the owner's",
    async (_name, who, read) => {
      tally.add('cross-user cache reads (exact request)');
      const answer = await send(read, { who });
      expectCleanGraphQLAnswer(answer);
      const owners = await truthOf(read, read.owner);
      const own = await truthOf(read, who);
      expect(own).not.toEqual(owners); // the check below can tell the two apart
      expect(dataOf(answer)).toEqual(own);
      expect(answer.headers['x-cache']).toBeUndefined();
    },
  );

  it('no variant of text, operation name, variables or transport reads the owner entry (property)', async () => {
    const variants = fc.record<Variant>({
      operationName: fc.constantFrom('same', 'same', 'absent', 'empty', 'other'),
      text: fc.constantFrom('same', 'same', 'spaces', 'comment', 'newlines'),
      extraVariables: fc.option(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
      ),
      reorderVariables: fc.boolean(),
      transport: fc.constantFrom('POST', 'POST', 'POST charset', 'GET', 'batch'),
      anonymous: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pairs), variants, async ({ read, who }, variant) => {
        tally.add('cross-user cache reads (variants)');
        const caller = variant.anonymous ? undefined : who;
        const answer = await send(read, { ...variant, who: caller, comment: 'variant' });
        expectCleanGraphQLAnswer(answer);
        const data = dataOf(answer);
        const owners = await truthOf(read, read.owner);
        expect(data).not.toEqual(owners);
        // Whatever came back is the caller's own answer, or nothing at all.
        if (data !== null) expect(data).toEqual(await truthOf(read, caller));
      }),
      propertyOptions(120),
    );
  });

  describe.each(REST_PRIVATE_READS)('REST: $name', ({ path, owner, others, secrets }) => {
    const get = (who: Who) => client.send({ path, headers: { authorization: `Bearer ${tokens[who]}` } });
    let owners: string;
    beforeAll(async () => {
      await get(owner);
      const warm = await get(owner);
      expect(warm.status).toBe(200);
      owners = warm.text;
    });

    it.each(others)("%s gets a refusal or their own answer, never the owner's", async (who) => {
      tally.add('cross-user cache reads (REST)');
      const answer = await get(who);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).not.toEqual(owners);
      for (const secret of secrets ?? []) expect(answer.text).not.toContain(secret);
      if (secrets) expect([401, 403]).toContain(answer.status);
    });
  });

  it('an empty operation name never reads the entry of the unnamed operation (was a 500)', async () => {
    tally.add('poisoning attempts');
    const read = {
      name: 'unnamed',
      query: '{ unreadAnnouncements { school } }',
      operationName: '',
      variables: {},
      owner: 'student2' as Who,
      others: [],
    };
    // A GET is keyed by the printed document and no operation name; then the same document names the operation "".
    for (let i = 0; i < 2; i += 1) await send(read, { who: 'student2', transport: 'GET', operationName: 'absent' });
    const empty = await send(read, { who: 'student2', operationName: 'empty' });
    expect(empty.status).toBe(400);
    expect(expectCleanGraphQLAnswer(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('an answer with a refusal in it is stored for no one: the owner then gets the full answer', async () => {
    const read = {
      name: 'partial',
      query: 'query Partial { clubCount student(id: "student-000000000003") { id parent { id } } }',
      operationName: 'Partial',
      variables: {},
      owner: 'student3' as Who,
      others: [],
    };
    tally.add('poisoning attempts');
    // student2 goes first: clubCount resolves, the parent is refused; that partial answer must not be stored.
    const partial = await send(read, { who: 'student2' });
    expect(JSON.parse(partial.text)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const again = await send(read, { who: 'student2' });
    expect(again.headers['x-cache']).toBeUndefined();
    const owner = await send(read, { who: 'student3' });
    expect(dataOf(owner)).toEqual({ clubCount: 2, student: { id: ACCOUNTS.student3, parent: null } });
    expect(JSON.parse(owner.text)).not.toHaveProperty('errors');
  });

  it('headers that do not change the answer cannot poison a shared entry for the victim', async () => {
    const read = {
      name: 'clubs',
      query: 'query Clubs { clubs { id name concept } }',
      operationName: 'Clubs',
      variables: {},
      owner: 'student1' as Who,
      others: [],
    };
    const evilHeaders = {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'http',
      'x-original-url': '/v1/clubs',
      'x-http-method-override': 'DELETE',
      'x-user-id': ACCOUNTS.admin,
      'accept-language': 'xx',
      cookie: 'session=evil',
    };
    tally.add('poisoning attempts');
    // The attacker (another student: the same role-wide entry) warms the entry with odd headers first.
    for (let i = 0; i < 2; i += 1) {
      await client.send({
        method: 'POST',
        path: '/graphql',
        headers: { ...evilHeaders, 'content-type': 'application/json', authorization: `Bearer ${tokens.student2}` },
        body: JSON.stringify({ query: read.query, operationName: read.operationName }),
      });
    }
    const victim = await send(read, { who: 'student1' });
    expect(victim.headers['x-cache']).toBe('HIT');
    expect(dataOf(victim)).toEqual(await truthOf(read, 'student1'));
    // Nobody without a token is served the role-wide entry.
    const anonymous = await send(read, {});
    expect(dataOf(anonymous)).toBeNull();
    expect(JSON.parse(anonymous.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
