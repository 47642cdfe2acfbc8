import fc from 'fast-check';
import type { FieldType } from '../../../rest/field-specs';
import type { RestRoute } from '../../../rest/rest-route';
import { REST_ROUTES } from '../../../rest/routes';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import {
  createRawClient,
  createTally,
  expectCleanGraphQLAnswer,
  expectCleanRestAnswer,
  GATEWAY_REJECTION_CODES,
  propertyOptions,
  sendRawHttp,
  totalCalls,
  type LegacyEnvelope,
  type RawAnswer,
  type RawClient,
} from '../../helpers/reliability';

/**
 * Property: every legacy route, whatever it is sent, answers a 2xx or a 4xx in the legacy envelope
 * (`status` equal to the HTTP status) within a few seconds, never a 5xx, a stack trace or a crash; requests the
 * gateway itself refuses (token −101…−106, content type −201, binding −202, validation −203, body too large,
 * no such route) call no service.
 */
const BODY_LIMIT = 64 * 1024;
const tally = createTally('rest-bad-input');

type Caller = 'student' | 'teacher' | 'parent' | 'anonymous' | 'garbage';
const callerArb = fc.constantFrom<Caller>('student', 'student', 'student', 'teacher', 'parent', 'anonymous', 'garbage');

let gateway: GatewayHarness;
let client: RawClient;
let base: string;
const tokens: Partial<Record<Caller, string>> = { garbage: 'not.a.token' };

beforeAll(async () => {
  gateway = await startGatewayHarness({
    env: { MAX_REQUEST_BYTES: String(BODY_LIMIT), MAX_UPLOAD_BYTES: String(BODY_LIMIT) },
  });
  base = gateway.url.replace(/\/graphql$/, '');
  client = createRawClient(base);
  tokens.student = await gateway.login('student', 'student1', 'student1234');
  tokens.teacher = await gateway.login('teacher', 'teacher1', 'teacher1234');
  tokens.parent = await gateway.login('parent', 'parent1', 'parent1234');
});
afterAll(async () => {
  client.close();
  tally.flush();
  await gateway.close();
});

interface Outcome {
  answer: RawAnswer;
  envelope: LegacyEnvelope | undefined;
  calls: number;
}

/** Refusals of the gateway's own making: none of them may reach a service. */
function refusedByGateway(answer: RawAnswer, envelope: LegacyEnvelope | undefined): boolean {
  if (answer.status === 413) return true;
  if (!envelope) return answer.status >= 400;
  if (envelope.code !== undefined && GATEWAY_REJECTION_CODES.has(envelope.code)) return true;
  // The router's own 404 (`{status, message}` without a code) and route 53's unknown action.
  return envelope.status === 404 && (envelope.code === undefined || /^unknown outing action/.test(envelope.message));
}

/** GraphQL and the probes answer in their own formats; every other path in the legacy envelope. */
function expectCleanAnswer(path: string, method: string, answer: RawAnswer): LegacyEnvelope | undefined {
  const route = path.split('?')[0]?.replace(/\/+$/, '');
  if (route === '/graphql' && (method === 'GET' || method === 'POST')) {
    expectCleanGraphQLAnswer(answer);
    return undefined;
  }
  if (
    route === '/healthz' ||
    route === '/readyz' ||
    route === '/metrics' ||
    (route === '/graphql' && method === 'HEAD')
  ) {
    expect(answer.status).toBeLessThan(500);
    return undefined;
  }
  return expectCleanRestAnswer(answer, method);
}

async function send(
  what: string,
  caller: Caller,
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  },
): Promise<Outcome> {
  tally.add(what);
  gateway.services.services.resetCallCounts();
  const token = tokens[caller];
  const answer = await client.send({
    ...request,
    headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const envelope = expectCleanAnswer(request.path, request.method, answer);
  const calls = totalCalls(gateway.services.services.callCounts());
  if (refusedByGateway(answer, envelope) && calls > 0) {
    throw new Error(`refused with ${answer.text.slice(0, 200)} yet ${calls} service calls were made`);
  }
  if (!(await client.alive())) throw new Error('the gateway stopped answering /healthz');
  return { answer, envelope, calls };
}

/** Odd characters for values and path segments. */
const ODD = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u200D',
  '\uFEFF',
  '😀',
  '가',
  '\n',
  '"',
  "'",
  '%',
  '/',
  '?',
  '#',
];
const oddString = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    maxLength,
  });

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD's bytes; encodeURIComponent would throw). */
const encodeSegment = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const KNOWN_IDS = [
  'student-000000000001',
  'student-000000000002',
  'teacher-000000000001',
  'parent-000000000001',
  'club-000000000002',
  'outing-000000000002',
  'announcement-000000000003',
  'recruitment-000000000001',
  'schedule-0000000000001',
  'confirm-000000000001',
  'start',
  'teacher-approve',
  'parent-reject',
  '2026',
  '11',
  '25',
  '123456',
  'Sheet1',
];
/** Path parameters as they travel, percent-encoded, plus encodings a client should never send. */
const pathParam = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_IDS) },
  { weight: 3, arbitrary: oddString(30).map(encodeSegment) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%zz',
      '%',
      '%00',
      '..',
      '.',
      '%2F',
      '%E0%A4%A',
      '-1',
      '0',
      '1e3',
      '99999999999999999999',
      'constructor',
      '__proto__',
      'toString',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 4000 }).map((n) => 'x'.repeat(n)) },
);

const pathOf = (route: RestRoute, params: string[]) => {
  let i = 0;
  return route.path.replace(/:[A-Za-z_]+/g, () => params[i++ % params.length] ?? 'x');
};

/** A value of the field's own type (random), of another type, odd, huge or absent. */
function valueFor(type: FieldType) {
  const own: Record<FieldType, fc.Arbitrary<unknown>> = {
    string: oddString(20),
    int: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 1_700_000_000, 9_999_999_999, 2 ** 53)),
    strings: fc.array(oddString(10), { maxLength: 4 }),
    objects: fc.array(
      fc.dictionary(fc.constantFrom('grade', 'group', 'number', 'name', 'field', 'x'), fc.jsonValue({ maxDepth: 2 })),
      { maxLength: 3 },
    ),
    file: fc.constant('not a file'),
  };
  return fc.oneof(
    { weight: 3, arbitrary: own[type] },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'h'.repeat(n)) },
    { weight: 2, arbitrary: fc.constant(undefined) },
  );
}

function fieldsFor(route: RestRoute) {
  const specs = Object.entries(route.fields ?? {});
  return fc
    .tuple(
      fc.tuple(...specs.map(([, [type]]) => valueFor(type))),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    )
    .map(([values, extra]) => {
      const fields: Record<string, unknown> = { ...extra };
      specs.forEach(([name], i) => {
        if ((values as unknown[])[i] !== undefined) fields[name] = (values as unknown[])[i];
      });
      return fields;
    });
}

const BOUNDARY = 'restfuzz';
function encode(fields: Record<string, unknown>, as: 'json' | 'form' | 'multipart' | 'query') {
  const pairs = Object.entries(fields).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((item): [string, string] => [
      k,
      typeof item === 'string' ? item : (JSON.stringify(item) ?? ''),
    ]),
  );
  if (as === 'json') return { type: 'application/json', body: JSON.stringify(fields) };
  if (as === 'form') return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams(pairs).toString() };
  if (as === 'query') return { type: undefined, body: undefined, query: new URLSearchParams(pairs).toString() };
  const body =
    pairs
      .map(([k, v]) =>
        k === 'excel' || k === 'logo' || k === 'image'
          ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"; filename="${k}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${v}\r\n`
          : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      )
      .join('') + `--${BOUNDARY}--\r\n`;
  return { type: `multipart/form-data; boundary=${BOUNDARY}`, body };
}

const UNSUPPORTED_TYPES = [
  'text/plain',
  'application/xml',
  'application/octet-stream',
  'application/json-patch+json',
  'text/html; charset=utf-8',
  'image/png',
  'garbage',
];

const needsToken = (route: RestRoute) => route.auth === 'jwt';
const bindsByContentType = (route: RestRoute) =>
  (route.bind ?? (route.fields ? 'content-type' : 'none')) === 'content-type';

describe(`REST bad input on all ${REST_ROUTES.length} legacy routes (property-based)`, () => {
  it('wrong types, missing and extra fields, odd values and random path parameters', async () => {
    const requests = fc.constantFrom(...REST_ROUTES).chain((route) =>
      fc.record({
        route: fc.constant(route),
        params: fc.array(pathParam, { minLength: 3, maxLength: 3 }),
        fields: fieldsFor(route),
        as: fc.constantFrom<'json' | 'form' | 'multipart' | 'query'>('json', 'json', 'form', 'multipart', 'query'),
        caller: callerArb,
      }),
    );
    await fc.assert(
      fc.asyncProperty(requests, async ({ route, params, fields, as, caller }) => {
        const encoded = encode(fields, as);
        const path = pathOf(route, params) + ('query' in encoded && encoded.query ? `?${encoded.query}` : '');
        const { answer, envelope } = await send('fields and path parameters', caller, {
          method: route.method,
          path,
          headers: encoded.type ? { 'content-type': encoded.type } : {},
          ...(encoded.body === undefined ? {} : { body: encoded.body }),
        });
        // Unless the router found no route (404) or node refused a URL over its header limit (431) first.
        const routed = answer.status !== 404 && answer.status !== 431;
        if (needsToken(route) && (caller === 'anonymous' || caller === 'garbage') && routed) {
          expect(answer.status).toBe(401);
          expect([-101, 0]).toContain(envelope?.code);
        }
      }),
      propertyOptions(300),
    );
  });

  it('unsupported content types: 400 −201 before any binding or call', async () => {
    const routes = REST_ROUTES.filter(bindsByContentType);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...UNSUPPORTED_TYPES),
        fc.constantFrom<Caller>('student', 'teacher', 'parent'),
        oddString(100),
        async (route, type, caller, body) => {
          const path = pathOf(route, [...KNOWN_IDS]);
          const { answer, envelope } = await send('unsupported content types', caller, {
            method: route.method,
            path,
            headers: { 'content-type': type },
            body,
          });
          expect(answer.status).toBe(400);
          expect(envelope?.code).toBe(-201);
        },
      ),
      propertyOptions(100),
    );
  });

  it('malformed JSON bodies: 400 −202, no call', async () => {
    const routes = REST_ROUTES.filter(bindsByContentType);
    const malformed = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }).filter((text) => {
        try {
          const value: unknown = JSON.parse(text);
          return typeof value !== 'object' || value === null || Array.isArray(value);
        } catch {
          return true;
        }
      }),
      fc.constantFrom('{', '{"a":', '[]', 'null', '"x"', '5', '{"place": "x",}', '\uFEFF{}'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        malformed,
        fc.constantFrom<Caller>('student', 'teacher'),
        async (route, body, caller) => {
          const { answer, envelope } = await send('malformed JSON', caller, {
            method: route.method,
            path: pathOf(route, [...KNOWN_IDS]),
            headers: { 'content-type': 'application/json' },
            body,
          });
          // An empty body binds as `{}`; validation then speaks (−203), or the service for a route without rules.
          if (body !== '') {
            expect(answer.status).toBe(400);
            expect(envelope?.code).toBe(-202);
          }
        },
      ),
      propertyOptions(100),
    );
  });

  it('oversized bodies: 413 before they are buffered, no call', async () => {
    const routes = REST_ROUTES.filter(bindsByContentType);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.integer({ min: BODY_LIMIT + 1, max: 3 * BODY_LIMIT }),
        fc.constantFrom<'json' | 'form' | 'multipart file'>('json', 'form', 'multipart file'),
        fc.boolean(),
        async (route, size, as, chunked) => {
          const blob = 'b'.repeat(size);
          const body =
            as === 'json'
              ? JSON.stringify({ place: blob })
              : as === 'form'
                ? `place=${blob}`
                : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${Object.keys(route.fields ?? {})[0] ?? 'x'}"; filename="f.bin"\r\n\r\n${blob}\r\n--${BOUNDARY}--\r\n`;
          const type =
            as === 'json'
              ? 'application/json'
              : as === 'form'
                ? 'application/x-www-form-urlencoded'
                : `multipart/form-data; boundary=${BOUNDARY}`;
          const { answer } = await send('oversized bodies', 'student', {
            method: route.method,
            path: pathOf(route, [...KNOWN_IDS]),
            headers: { 'content-type': type },
            body,
            chunked,
          });
          // A multipart text field is cut by busboy rather than refused; only files and whole bodies are bounded.
          const fileField = Object.values(route.fields ?? {}).some(([type]) => type === 'file');
          if (as !== 'multipart file' || fileField) expect(answer.status).toBe(413);
        },
      ),
      propertyOptions(60),
    );
  });

  it('malformed multipart: 4xx, no call', async () => {
    const routes = REST_ROUTES.filter(bindsByContentType);
    const part = (name: string, value: string, filename?: string) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n\r\n${value}\r\n`;
    const bodies = fc
      .record({
        parts: fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom('place', 'excel', 'logo', 'name', 'grade'), oddString(8)),
            value: oddString(30),
            file: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        ending: fc.constantFrom(`--${BOUNDARY}--\r\n`, '', `--${BOUNDARY}`, '--other--\r\n', '\r\n\r\n'),
        cut: fc.option(fc.nat()),
        garbage: fc.option(fc.uint8Array({ maxLength: 40 })),
      })
      .map(({ parts, ending, cut, garbage }) => {
        const text =
          parts.map((p) => part(p.name.replace(/"/g, ''), p.value, p.file ? 'f.xlsx' : undefined)).join('') + ending;
        const body = Buffer.concat([
          Buffer.from(cut === null ? text : text.slice(0, cut % (text.length + 1))),
          Buffer.from(garbage ?? []),
        ]);
        return body;
      });
    const types = fc.constantFrom(
      `multipart/form-data; boundary=${BOUNDARY}`,
      `multipart/form-data; boundary=${BOUNDARY}`,
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=x; boundary=y',
      `multipart/form-data; charset=utf-8; boundary="${BOUNDARY}"`,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), bodies, types, callerArb, async (route, body, type, caller) => {
        await send('malformed multipart', caller, {
          method: route.method,
          path: pathOf(route, [...KNOWN_IDS]),
          headers: { 'content-type': type },
          body,
        });
      }),
      propertyOptions(120),
    );
  });

  it('bad paths and methods: a 404 envelope (or the route that happens to match), never a 5xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'v1',
        'students',
        'uuid',
        'outings',
        'clubs',
        'actions',
        'graphql',
        'healthz',
        'events',
        '..',
        '.',
        '',
      ),
      oddString(12).map(encodeSegment),
      fc.constantFrom('%zz', '%', '%00', '%2e%2e', '%252F', ';', '*', '~'),
    );
    const paths = fc
      .tuple(fc.array(segment, { maxLength: 7 }), fc.option(fc.string({ maxLength: 20 }).map(encodeSegment)))
      .map(([parts, query]) => `/${parts.join('/')}${query === null ? '' : `?${query}`}`);
    const methods = fc.constantFrom(
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'HEAD',
      'OPTIONS',
      'TRACE',
      'PROPFIND',
      'SEARCH',
    );
    await fc.assert(
      fc.asyncProperty(methods, paths, callerArb, async (method, path, caller) => {
        await send('bad paths and methods', caller, { method, path });
      }),
      propertyOptions(150),
    );
  });

  it('raw request lines node would not send (spaces, control bytes, UTF-8 in the path): 4xx, the gateway lives on', async () => {
    const rawPaths = fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => Buffer.concat([Buffer.from('/v1/'), Buffer.from(bytes)]));
    await fc.assert(
      fc.asyncProperty(rawPaths, fc.constantFrom('GET', 'POST', 'BREW'), async (path, method) => {
        tally.add('raw request lines');
        const request = Buffer.concat([
          Buffer.from(`${method} `),
          path,
          Buffer.from(` HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n`),
        ]);
        const { status, text } = await sendRawHttp(base, request);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
        expect(text).not.toMatch(/\n\s+at |node_modules/);
        expect(await client.alive()).toBe(true);
      }),
      propertyOptions(60),
    );
  });
});

describe('REST bad input: what the properties found', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'route 53 with the action %s (an inherited property, was a 500): 404 unknown action, no call',
    async (action) => {
      const { answer, envelope } = await send('regressions', 'student', {
        method: 'POST',
        path: `/v1/outings/uuid/outing-000000000002/actions/${action}`,
      });
      expect(answer.status).toBe(404);
      expect(envelope?.message).toBe(`unknown outing action: ${action}`);
    },
  );

  it('a multipart int field that is not a number (was no answer at all and an unhandled rejection): 400 −202', async () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="start_time"\r\n\r\nseven\r\n--${BOUNDARY}--\r\n`;
    const { answer, envelope } = await send('regressions', 'student', {
      method: 'POST',
      path: '/v1/outings',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body,
    });
    expect(answer.status).toBe(400);
    expect(envelope?.code).toBe(-202);
  });

  it('a multipart body cut off inside a file (was an unhandled stream error: a crash): 400 −202', async () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="excel"; filename="a.xlsx"\r\n\r\nPK\u0003\u0004 half a file`;
    const { answer, envelope } = await send('regressions', 'student', {
      method: 'POST',
      path: '/v1/unsigned-students/parsed-by/excel',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body,
    });
    expect(answer.status).toBe(400);
    expect(envelope?.code).toBe(-202);
  });
});
