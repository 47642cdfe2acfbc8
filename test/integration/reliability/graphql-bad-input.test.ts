import fc from 'fast-check';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import {
  createRawClient,
  createTally,
  expectCleanGraphQLAnswer,
  propertyOptions,
  totalCalls,
  type RawAnswer,
  type RawClient,
} from '../../helpers/reliability';

/**
 * Property: whatever arrives at POST /graphql, the answer is a 2xx or a clear 4xx in the error vocabulary within
 * a few seconds, never a 5xx, a stack trace or a crash, and a request refused with a 4xx called no service.
 * Small body limits keep the oversized cases cheap.
 */
const BODY_LIMIT = 64 * 1024;
const tally = createTally('graphql-bad-input');

type Caller = 'student' | 'teacher' | 'parent' | 'anonymous';
// Mostly a signed-in non-admin (the common attacker), sometimes nobody.
const callerArb = fc.constantFrom<Caller>('student', 'student', 'student', 'teacher', 'parent', 'anonymous');

let gateway: GatewayHarness;
let client: RawClient;
const tokens: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  gateway = await startGatewayHarness({
    env: { MAX_REQUEST_BYTES: String(BODY_LIMIT), MAX_UPLOAD_BYTES: String(BODY_LIMIT) },
  });
  client = createRawClient(gateway.url);
  tokens.student = await gateway.login('student', 'student1', 'student1234');
  tokens.teacher = await gateway.login('teacher', 'teacher1', 'teacher1234');
  tokens.parent = await gateway.login('parent', 'parent1', 'parent1234');
});
afterAll(async () => {
  client.close();
  tally.flush();
  await gateway.close();
});

interface Sent {
  answer: RawAnswer;
  codes: string[];
  calls: number;
}

/** One request, checked against the property; `what` names the tally line. */
async function ask(
  what: string,
  caller: Caller,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Sent> {
  tally.add(what);
  gateway.services.services.resetCallCounts();
  const token = tokens[caller];
  const answer = await client.send({
    method: 'POST',
    path: '/graphql',
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const codes = expectCleanGraphQLAnswer(answer);
  const calls = totalCalls(gateway.services.services.callCounts());
  // A batch may be refused as a whole (4xx) with some of its operations run: only an answer without data is a refusal.
  const ran = (Array.isArray(parsed(answer)) ? (parsed(answer) as object[]) : [parsed(answer)]).some(
    (body) => typeof body === 'object' && body !== null && 'data' in body,
  );
  if (answer.status >= 400 && !ran && calls > 0) {
    throw new Error(`refused with ${answer.status} yet ${calls} service calls were made: ${answer.text.slice(0, 200)}`);
  }
  if (!(await client.alive())) throw new Error('the gateway stopped answering /healthz');
  return { answer, codes, calls };
}

const parsed = (answer: RawAnswer): unknown => {
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
};

const isJson = (text: string | Buffer) => {
  try {
    JSON.parse(text.toString());
    return true;
  } catch {
    return false;
  }
};

const VALID_BODIES = [
  { query: '{ me { id } }' },
  { query: 'query Clubs($limit: Int) { clubs(limit: $limit) { id name } }', variables: { limit: 2 } },
  { query: 'query A { me { id } } query B { clubCount }', operationName: 'B' },
  { query: '{ calendar(year: 2026, month: 11) { id detail } }' },
].map((body) => JSON.stringify(body));

/** Characters that break naive handling: lone surrogates, NUL, bidi controls, joiners, BOM, emoji, separators. */
const ODD_CHARACTERS = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u202E',
  '\u200F',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u2028',
  '\u2029',
  '\uFFFE',
  '\uFFFF',
  '😀',
  '👨‍👩‍👧',
  'e\u0301',
  '가',
  '\u0007',
  '\u001B',
  '"',
  '\\',
  '\n',
];
const oddString = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(fc.constantFrom(...ODD_CHARACTERS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    maxLength,
  });

describe('GraphQL bad input (property-based)', () => {
  it('malformed JSON bodies: 400 BAD_USER_INPUT, no service call', async () => {
    const corrupted = fc
      .tuple(
        fc.constantFrom(...VALID_BODIES),
        fc.nat(),
        fc.constantFrom('cut', 'drop', 'insert'),
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 }),
      )
      .map(([body, at, how, text]) => {
        const i = at % body.length;
        if (how === 'cut') return body.slice(0, i);
        if (how === 'drop') return body.slice(0, i) + body.slice(i + 1);
        return body.slice(0, i) + text + body.slice(i);
      });
    const bodies = fc.oneof(
      corrupted,
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.json({ maxDepth: 4 }),
    );
    const contentTypes = fc.constantFrom(
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/graphql',
      'application/x-www-form-urlencoded',
    );
    await fc.assert(
      fc.asyncProperty(callerArb, bodies, contentTypes, async (caller, body, contentType) => {
        const { answer, codes } = await ask('malformed JSON bodies', caller, body, { 'content-type': contentType });
        if (!isJson(body)) {
          expect(answer.status).toBe(400);
          expect(codes).toContain('BAD_USER_INPUT');
        }
      }),
      propertyOptions(200),
    );
  });

  it('wrong JSON types for query, variables, operationName and extensions; junk batches', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const operation = fc.record(
      {
        query: fc.oneof(json, fc.constant('query Q($n: Int) { clubs(limit: $n) { id } }')),
        variables: fc.oneof(json, fc.constant({ n: 1 })),
        operationName: fc.oneof(json, fc.constant('Q')),
        extensions: fc.oneof(json, fc.constant({ persistedQuery: { version: 1, sha256Hash: 'x' } })),
      },
      { requiredKeys: [] },
    );
    // Without a query (Apollo reads any falsy one as none) an operation may still name a persisted query by hash.
    const persisted = (op: Record<string, unknown>) =>
      typeof op.extensions === 'object' && op.extensions !== null && 'persistedQuery' in op.extensions;
    const isWrong = (op: Record<string, unknown>) =>
      (typeof op.query !== 'string' && !(!op.query && persisted(op))) ||
      (op.variables !== undefined &&
        op.variables !== null &&
        (typeof op.variables !== 'object' || Array.isArray(op.variables))) ||
      (op.operationName !== undefined && op.operationName !== null && typeof op.operationName !== 'string');
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        fc.oneof({ weight: 3, arbitrary: operation }, { weight: 1, arbitrary: fc.array(operation, { maxLength: 12 }) }),
        async (caller, body) => {
          const { answer } = await ask('wrong JSON types and junk batches', caller, JSON.stringify(body));
          // A single operation whose fields have the wrong types never runs (an `extensions` of the wrong type is
          // left to Apollo, which may ignore it).
          if (!Array.isArray(body) && isWrong(body)) expect(answer.status).toBe(400);
        },
      ),
      propertyOptions(200),
    );
  });

  it('huge strings: refused by the rules or the body limit, never a 5xx', async () => {
    const shapes = {
      comment: (n: number) => ({ query: `{ me { id } } #${'x'.repeat(n)}` }),
      idLiteral: (n: number) => ({ query: `{ club(id: "${'c'.repeat(n)}") { id } }` }),
      fieldName: (n: number) => ({ query: `{ ${'f'.repeat(n)} }` }),
      whitespace: (n: number) => ({ query: `{ me ${' \t\n,'.repeat(n / 4)} { id } }` }),
      passwordVariable: (n: number) => ({
        query: 'mutation P($p: String!) { changeStudentPassword(currentPassword: "abcd", newPassword: $p) { id } }',
        variables: { p: '비'.repeat(n) },
      }),
      operationName: (n: number) => ({ query: '{ me { id } }', operationName: 'O'.repeat(n) }),
      unusedVariable: (n: number) => ({ query: '{ me { id } }', variables: { blob: 'y'.repeat(n) } }),
    };
    type Shape = keyof typeof shapes;
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        fc.constantFrom(...(Object.keys(shapes) as Shape[])),
        fc.oneof(fc.integer({ min: 1_000, max: 60_000 }), fc.integer({ min: BODY_LIMIT + 1, max: 4 * BODY_LIMIT })),
        async (caller, shape, size) => {
          const body = JSON.stringify(shapes[shape](size));
          const { answer, codes } = await ask('huge strings and oversized bodies', caller, body);
          if (Buffer.byteLength(body) > BODY_LIMIT) {
            expect(answer.status).toBe(413);
            expect(codes).toEqual(['PAYLOAD_TOO_LARGE']);
          } else if (shape !== 'comment' && shape !== 'whitespace' && shape !== 'unusedVariable') {
            expect(answer.status).toBe(400);
          }
        },
      ),
      propertyOptions(40),
    );
  });

  it('deeply nested selections, literals and variables: 400 past the limits', async () => {
    const nest = (depth: number, open: string, inner: string, close: string) =>
      open.repeat(depth) + inner + close.repeat(depth);
    const shapes = {
      // clubs { leader { parent { children { parent { children … } } } } }: real fields all the way down.
      schemaPath: (d: number) => ({
        query: `{ clubs { ${Array.from({ length: d }, (_, i) => (i === 0 ? 'leader' : i % 2 ? 'parent' : 'children')).join(' { ')} { id }${' }'.repeat(d)} }`,
      }),
      unknownFields: (d: number) => ({ query: nest(d, '{ a ', '{ b }', '}') }),
      inlineFragments: (d: number) => ({ query: `{ ${nest(d, '... on Query { ', 'me { id }', ' }')} }` }),
      listLiteral: (d: number) => ({ query: `{ studentsByIds(ids: ${nest(d, '[', '"x"', ']')}) { id } }` }),
      objectLiteral: (d: number) => ({
        query: `mutation { createAnnouncement(input: {type: CLUB, title: "t", content: ${nest(d, '{a: ', '1', '}')}}) }`,
      }),
    };
    type Shape = keyof typeof shapes | 'variables';
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        fc.constantFrom<Shape>(...(Object.keys(shapes) as Shape[]), 'variables'),
        fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 5000 })),
        async (caller, shape, depth) => {
          // Built as text: a test that JSON.stringify-ed a value 5000 deep would overflow its own stack.
          const body =
            shape === 'variables'
              ? `{"query":"query V($c: JSONObject!) { me { id } }","variables":{"c":${nest(depth, '{"a":', '1', '}')}}}`
              : JSON.stringify(shapes[shape](Math.min(depth, 400)));
          const { answer } = await ask('deep nesting', caller, body);
          if (shape === 'variables' && depth > 62) expect(answer.status).toBe(400);
          if ((shape === 'schemaPath' || shape === 'unknownFields') && depth > 8) expect(answer.status).toBe(400);
        },
      ),
      propertyOptions(150),
    );
  });

  it('alias, fragment and directive bombs: refused before anything runs, without a hang', async () => {
    const bombs = fc.oneof(
      fc
        .record({
          n: fc.integer({ min: 1, max: 300 }),
          field: fc.constantFrom('me { id }', 'clubCount', 'clubs { id }', '__typename'),
        })
        // `__typename` costs nothing and is not counted as an alias; the token limit bounds it.
        .map(({ n, field }) => ({
          kind: 'aliases',
          refuse: n > 15 && field !== '__typename',
          query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`,
        })),
      fc
        .record({ levels: fc.integer({ min: 1, max: 40 }), fanout: fc.integer({ min: 2, max: 6 }) })
        .map(({ levels, fanout }) => ({
          kind: 'fragment fan-out',
          // Each spread level counts toward the depth limit, and the cost multiplies by the fan-out.
          refuse: levels >= 3 || fanout ** levels > 1000,
          query: [
            `query { ...F${levels} }`,
            'fragment F0 on Query { clubCount }',
            ...Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ${`...F${i} `.repeat(fanout)}}`),
          ].join(' '),
        })),
      fc.integer({ min: 1, max: 30 }).map((n) => ({
        kind: 'fragment cycle',
        refuse: true,
        query: [
          'query { ...C0 }',
          ...Array.from({ length: n }, (_, i) => `fragment C${i} on Query { clubCount ...C${(i + 1) % n} }`),
        ].join(' '),
      })),
      fc
        .record({
          n: fc.integer({ min: 1, max: 200 }),
          name: fc.constantFrom('include(if: true)', 'skip(if: false)', 'unknown'),
        })
        .map(({ n, name }) => ({
          kind: 'directives',
          // A directive may appear once per location, and an unknown one never.
          refuse: n > 1 || name === 'unknown',
          query: `{ me ${`@${name} `.repeat(n)}{ id } }`,
        })),
    );
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        bombs,
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        async (caller, bomb, copies, batch) => {
          const body = batch
            ? JSON.stringify(Array.from({ length: copies }, () => ({ query: bomb.query })))
            : JSON.stringify({ query: bomb.query });
          const { answer } = await ask('alias, fragment and directive bombs', caller, body);
          if (!batch && bomb.refuse) expect(answer.status).toBe(400);
        },
      ),
      propertyOptions(150),
    );
  });

  it('invalid variables: wrong types, nulls, huge and negative numbers are refused before any call', async () => {
    const INT32_MAX = 2 ** 31 - 1;
    const isInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX;
    /** Operations with typed variables; `ints` are the Int variables, `required` the non-null ones. */
    const templates = [
      {
        query: 'query Q($l: Int, $o: Int) { clubs(limit: $l, offset: $o) { id } }',
        names: ['l', 'o'],
        ints: ['l', 'o'],
        required: [],
      },
      {
        query: 'query Q($y: Int!, $m: Int!) { calendar(year: $y, month: $m) { id } }',
        names: ['y', 'm'],
        ints: ['y', 'm'],
        required: ['y', 'm'],
      },
      {
        query:
          'query Q($t: AnnouncementType!, $p: Int, $s: Int) { announcements(type: $t, page: $p, size: $s) { total } }',
        names: ['t', 'p', 's'],
        ints: ['p', 's'],
        required: ['t'],
      },
      {
        query: 'query Q($d: LocalDate!, $n: Int) { timetable(date: $d, days: $n) { date } }',
        names: ['d', 'n'],
        ints: ['n'],
        required: ['d'],
      },
      { query: 'query Q($id: ID!) { club(id: $id) { id name } }', names: ['id'], ints: [], required: ['id'] },
      {
        query: 'query Q($ids: [ID!]!) { studentsByIds(ids: $ids) { id } }',
        names: ['ids'],
        ints: [],
        required: ['ids'],
      },
      {
        query: 'query Q($f: OutingFilter, $l: Int) { outings(filter: $f, limit: $l) { id } }',
        names: ['f', 'l'],
        ints: ['l'],
        required: [],
      },
      {
        query: 'mutation M($i: CreateOutingInput!) { createOuting(input: $i) { id } }',
        names: ['i'],
        ints: [],
        required: ['i'],
      },
      {
        query: 'query Q($c: Int!) { unsignedStudent(authCode: $c) { name } }',
        names: ['c'],
        ints: ['c'],
        required: ['c'],
      },
      {
        query: 'mutation M($g: Int, $c: Int, $n: Int) { sendJoinSms(grade: $g, classNumber: $c, number: $n) { sent } }',
        names: ['g', 'c', 'n'],
        ints: ['g', 'c', 'n'],
        required: [],
      },
    ];
    const badValue = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
      fc.integer({ min: -(2 ** 31), max: -1 }),
      fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, -0),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 50 }),
      oddString(20),
      fc.constantFrom('2026-11-25', 'SCHOOL', 'club-000000000001', '2026-02-30', '99999-01-01'),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        fc.constantFrom(...templates),
        fc.array(badValue, { minLength: 3, maxLength: 3 }),
        fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })),
        async (caller, template, values, extra) => {
          const variables: Record<string, unknown> = { ...(extra ?? {}) };
          template.names.forEach((name, i) => {
            if (values[i] === undefined) delete variables[name];
            else variables[name] = values[i];
          });
          const { answer } = await ask(
            'invalid variables',
            caller,
            JSON.stringify({ query: template.query, variables }),
          );
          const value = (name: string) => (Object.hasOwn(variables, name) ? variables[name] : undefined);
          const badInt = template.ints.some((n) => value(n) !== undefined && value(n) !== null && !isInt32(value(n)));
          const missing = template.required.some((n) => value(n) === undefined || value(n) === null);
          if (badInt || missing) expect(answer.status).toBe(400);
        },
      ),
      propertyOptions(200),
    );
  });

  it('odd Unicode in variables, query text and operation names', async () => {
    const withVariables = fc
      .record({
        template: fc.constantFrom(
          'mutation L($a: String!, $b: String!) { loginStudent(id: $a, password: $b) { accessToken } }',
          'query C($a: String, $b: String) { clubs(name: $a, field: $b) { id } }',
          'query S($a: String!) { searchAnnouncements(type: SCHOOL, query: $a) { total } }',
          'query P($a: String, $b: String) { parents(filter: { name: $a, phoneNumber: $b }) { id } }',
          'mutation O($a: String!, $b: String!) { createOuting(input: { startsAt: "2026-11-25T06:00:00Z", endsAt: "2026-11-25T08:00:00Z", place: $a, reason: $b, situation: NORMAL }) { id place } }',
        ),
        a: oddString(24),
        b: oddString(24),
      })
      .map(({ template, a, b }) => JSON.stringify({ query: template, variables: { a, b } }));
    const inQueryText = fc
      .record({
        base: fc.constantFrom('{ me { id } }', '{ clubs(name: "DMS") { id name } }'),
        at: fc.nat(),
        odd: oddString(6),
      })
      .map(({ base, at, odd }) => {
        const i = at % (base.length + 1);
        return JSON.stringify({ query: base.slice(0, i) + odd + base.slice(i) });
      });
    const inStringLiteral = oddString(24).map((odd) =>
      JSON.stringify({ query: `{ clubs(name: "${odd.replace(/["\\\n\r]/g, '')}") { id } }` }),
    );
    const inOperationName = oddString(12).map((odd) => JSON.stringify({ query: '{ me { id } }', operationName: odd }));
    // Raw control characters and unpaired surrogates written into the JSON text itself (not escaped).
    const rawInJson = oddString(12).map((odd) => `{"query":"{ clubs(name: \\"${odd}\\") { id } }"}`);
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        fc.oneof(withVariables, inQueryText, inStringLiteral, inOperationName, rawInJson),
        async (caller, body) => {
          await ask('odd Unicode', caller, body);
        },
      ),
      propertyOptions(200),
    );
  });

  it('malformed multipart requests to /graphql: 400 or 413, no service call', async () => {
    const boundary = 'fuzzboundary';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n\r\n${value}\r\n`;
    const operations = fc.oneof(
      fc.constant(
        '{"query":"mutation($f: Upload!) { importUnsignedStudents(file: $f) { added } }","variables":{"f":null}}',
      ),
      fc.json({ maxDepth: 2 }),
      oddString(30),
    );
    const map = fc.oneof(
      fc.constant('{"0":["variables.f"]}'),
      fc.constantFrom(
        '{"0":["__proto__.polluted"]}',
        '{"0":["variables.f.deep.er"]}',
        '{"0":"variables.f"}',
        '[]',
        '{"0":[]}',
        '{',
      ),
      fc.json({ maxDepth: 2 }),
    );
    const bodies = fc
      .record({
        operations,
        map,
        file: fc.oneof(fc.constant('abc'), fc.string({ unit: 'binary', maxLength: 50 })),
        order: fc.constantFrom('spec', 'file first', 'no map', 'no operations', 'no file'),
        cut: fc.option(fc.nat()),
        fileTooLarge: fc.boolean(),
      })
      .map(({ operations: ops, map: m, file, order, cut, fileTooLarge }) => {
        const content = fileTooLarge ? 'z'.repeat(BODY_LIMIT + 10) : file;
        const parts = {
          spec: [part('operations', ops), part('map', m), part('0', content, 'a.xlsx')],
          'file first': [part('0', content, 'a.xlsx'), part('operations', ops), part('map', m)],
          'no map': [part('operations', ops), part('0', content, 'a.xlsx')],
          'no operations': [part('map', m), part('0', content, 'a.xlsx')],
          'no file': [part('operations', ops), part('map', m)],
        }[order];
        const text = `${parts.join('')}--${boundary}--\r\n`;
        return cut === null ? text : text.slice(0, cut % text.length);
      });
    const contentTypes = fc.constantFrom(
      `multipart/form-data; boundary=${boundary}`,
      `multipart/form-data; boundary=${boundary}`,
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=other',
      'multipart/mixed; boundary=fuzzboundary',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Caller>('student', 'parent', 'anonymous'),
        bodies,
        contentTypes,
        async (caller, body, type) => {
          await ask('malformed multipart', caller, body, { 'content-type': type, 'apollo-require-preflight': 'true' });
        },
      ),
      propertyOptions(100),
    );
  });
});

describe('GraphQL bad input: what the properties found (each was a 500 before its fix)', () => {
  const post = (body: string, extra: Record<string, string> = {}) =>
    ask('regressions', 'student', body, { 'content-type': 'application/json', ...extra });

  it.each([
    ['an empty operation name', { query: '{ me { id } }', operationName: '' }, 'Unknown operation named ""'],
    [
      'an operation name the document lacks',
      { query: 'query A { me { id } }', operationName: 'B' },
      'Unknown operation named "B"',
    ],
    [
      'a persisted-query version Apollo does not know',
      { query: '{ me { id } }', extensions: { persistedQuery: 5 } },
      'Unsupported persisted query version',
    ],
    [
      'a persisted-query hash that does not match the query',
      { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } },
      'provided sha does not match query',
    ],
  ])('%s: 400 BAD_USER_INPUT with the reason', async (_name, body, message) => {
    const { answer, codes } = await post(JSON.stringify(body));
    expect(answer.status).toBe(400);
    expect(codes).toEqual(['BAD_USER_INPUT']);
    expect(answer.text).toContain(message.replace(/"/g, '\\"'));
  });

  it('variables nested 25,000 deep: refused at the edge instead of overflowing the stack', async () => {
    const deep = `${'['.repeat(25_000)}${']'.repeat(25_000)}`;
    const { answer } = await post(`{"query":"{ me { id } }","variables":{"c":${deep}}}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(`nested deeper than 64 levels`);
    // The same in a GET's `variables` (within node's 16 KiB header limit).
    const search = new URLSearchParams({
      query: 'query V($c: JSONObject!) { me { id } }',
      variables: `{"c":${'['.repeat(2_000)}${']'.repeat(2_000)}}`,
    });
    const get = await client.send({
      path: `/graphql?${search}`,
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${tokens.student}` },
    });
    expect(expectCleanGraphQLAnswer(get)).toEqual(['BAD_USER_INPUT']);
    expect(get.text).toContain('`variables` is nested deeper than 64 levels');
  });
});
