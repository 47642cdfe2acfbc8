import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { createHmac } from 'node:crypto';
import { ErrorCode, httpStatusOf } from '../../core/error-codes';

/** How long any one request may take before the suite calls it a hang. */
export const ANSWER_WITHIN_MS = 5_000;

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Sent as given (already encoded); node refuses control characters and spaces, `sendRawHttp` does not. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body in chunks without a content-length (chunked transfer encoding). */
  chunked?: boolean;
}

/**
 * A keep-alive HTTP client for fuzzing: bodies and paths go out exactly as given, and a request that gets no
 * complete answer within ANSWER_WITHIN_MS fails as a hang.
 */
export function createRawClient(baseUrl: string, options: { localAddress?: string } = {}) {
  const { hostname, port } = new URL(baseUrl);
  // `localAddress` picks the source address: any 127.x.y.z on Linux loopback, so a test can be many clients.
  const agent = new Agent({ keepAlive: true, maxSockets: 4, ...options });
  const send = (outgoing: RawRequest): Promise<RawAnswer> =>
    new Promise((resolve, reject) => {
      const headers = { ...outgoing.headers };
      if (outgoing.body !== undefined) {
        // Explicit: node frames a GET or DELETE body only when told how.
        if (outgoing.chunked) headers['transfer-encoding'] = 'chunked';
        else headers['content-length'] = String(Buffer.byteLength(outgoing.body));
      }
      const req = request(
        { host: hostname, port, agent, method: outgoing.method ?? 'GET', path: outgoing.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no answer to ${outgoing.method ?? 'GET'} ${outgoing.path} within ${ANSWER_WITHIN_MS} ms`));
      }, ANSWER_WITHIN_MS);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      if (outgoing.chunked && outgoing.body !== undefined) {
        const bytes = Buffer.from(outgoing.body);
        for (let at = 0; at < bytes.length; at += 16 * 1024) req.write(bytes.subarray(at, at + 16 * 1024));
        req.end();
      } else {
        req.end(outgoing.body);
      }
    });
  return {
    send,
    /** The gateway process still serves: a crash or a wedged event loop fails here. */
    async alive(): Promise<boolean> {
      const health = await send({ path: '/healthz' });
      return health.status === 200;
    },
    close: () => agent.destroy(),
  };
}

export type RawClient = ReturnType<typeof createRawClient>;

/** Raw bytes on a socket (request lines node's client refuses to send); resolves with the status line's code. */
export function sendRawHttp(baseUrl: string, bytes: Buffer): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to raw bytes within ${ANSWER_WITHIN_MS} ms`));
    }, ANSWER_WITHIN_MS);
    const settle = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      socket.destroy();
      resolve({ status, text });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One response is enough: the head and (for these short answers) the body arrive together.
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) setTimeout(settle, 20);
    });
    socket.on('end', settle);
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (chunks.length > 0) settle();
      else reject(error);
    });
    socket.write(bytes);
  });
}

/** Signs of a stack trace or of the server's own files in a body a client gets. */
const STACK_TRACE =
  /\n\s+at |\bat [\w.<>$]+ \(|\((?:\/[\w.@-]+){2,}|node_modules|\.ts:\d+|\.js:\d+:\d+|\bstacktrace\b|\b(?:Type|Range|Reference)Error\b/;

/**
 * Facts about the machine and the network behind the gateway that an error answer must never carry: addresses,
 * ports, system error names, file paths. Checked in the error parts of an answer (a GraphQL body's `errors`, a
 * REST envelope with an error status, any non-JSON body): data is the services' own, and may hold anything.
 */
const INTERNAL_FACTS: ReadonlyArray<[string, RegExp]> = [
  ['an IPv4 address', /\b(?:\d{1,3}\.){3}\d{1,3}\b/],
  // Bracketed, with two colons at least ([::1], [fe80::1]): a client's own `[:]` echoed back in a message is none.
  ['an IPv6 address', /\[(?:[0-9a-f]{0,4}:){2,}[0-9a-f]{0,4}\]|::ffff:|(?<![\w:])::1\b/i],
  ['a host and port', /\blocalhost:\d{1,5}\b|\bport:? ?\d{2,5}\b/i],
  [
    'a system error name',
    /\bE(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|PIPE|NOTFOUND|HOSTUNREACH|NETUNREACH|ADDRINUSE|ADDRNOTAVAIL|AI_AGAIN|ACCES|PERM|NOENT|MFILE)\b/,
  ],
  ['a file path', /(?:^|[\s"'(=])\/(?:home|usr|var|tmp|work|opt|root|app|srv|etc|proc|dev|mnt|run)\/[\w.@-]+/],
];

/** The parts of an answer that speak of a failure (see INTERNAL_FACTS). */
function errorPartsOf(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const parts = (Array.isArray(parsed) ? parsed : [parsed]).map((body: unknown) => {
    if (typeof body !== 'object' || body === null) return '';
    const { errors, status } = body as { errors?: unknown; status?: unknown };
    if (errors !== undefined) return JSON.stringify(errors);
    return typeof status === 'number' && status >= 400 ? JSON.stringify(body) : '';
  });
  return parts.join('\n');
}

/**
 * What an answer shows of the server's internals: a stack frame, a server path or an internal error class
 * anywhere; an address, port, system error name or file path in its error parts. Undefined when it shows none.
 */
export function internalsShownIn(text: string): string | undefined {
  if (STACK_TRACE.test(text)) return 'a stack frame or internal error class';
  if (text.includes(process.cwd())) return "the server's working directory";
  const errorParts = errorPartsOf(text);
  for (const [what, pattern] of INTERNAL_FACTS) if (pattern.test(errorParts)) return what;
  return undefined;
}

/** Fails the property when an answer shows server internals (`internalsShownIn`). */
export function expectNoInternals(text: string): void {
  const shown = internalsShownIn(text);
  if (shown) throw new Error(`the body shows ${shown}: ${text.slice(0, 500)}`);
}

export const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }>;
}

/**
 * A GraphQL answer a client can act on: never 5xx; JSON with `data` and/or `errors`; every error with a message
 * and a code from the vocabulary, never INTERNAL_SERVER_ERROR (a masked bug) or an upstream failure (the services
 * are up); a request-level rejection's codes match its status. Returns the error codes.
 */
export function expectCleanGraphQLAnswer(answer: RawAnswer): string[] {
  if (answer.status >= 500 || answer.status < 200) {
    throw new Error(`status ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  expectNoInternals(answer.text);
  // Node's own HTTP parser answers some malformed requests (431 headers too large) with an empty body.
  if (answer.text === '' && answer.status >= 400) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new Error(`status ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`);
  }
  const bodies = (Array.isArray(parsed) ? parsed : [parsed]) as GraphQLBody[];
  const codes: string[] = [];
  for (const body of bodies) {
    if (typeof body !== 'object' || body === null || (!('data' in body) && !('errors' in body))) {
      throw new Error(`not a GraphQL response: ${answer.text.slice(0, 200)}`);
    }
    for (const error of body.errors ?? []) {
      const code = error.extensions?.code;
      if (typeof error.message !== 'string' || typeof code !== 'string' || !ERROR_CODES.has(code)) {
        throw new Error(`an error outside the vocabulary: ${JSON.stringify(error).slice(0, 300)}`);
      }
      if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === ErrorCode.SERVICE_UNAVAILABLE) {
        throw new Error(`a masked or upstream failure: ${JSON.stringify(error).slice(0, 300)}`);
      }
      // A refusal of the whole request (no `data`) answers with its code's status; in a batch the status is shared.
      if (
        answer.status >= 400 &&
        !('data' in body) &&
        !Array.isArray(parsed) &&
        httpStatusOf(code as ErrorCode) !== answer.status
      ) {
        throw new Error(`status ${answer.status} with code ${code}: ${answer.text.slice(0, 300)}`);
      }
      codes.push(code);
    }
  }
  return codes;
}

export interface LegacyEnvelope {
  status: number;
  code?: number;
  message: string;
}

/** A REST answer a client can act on: never 5xx; the legacy envelope with `status` equal to the HTTP status. */
export function expectCleanRestAnswer(answer: RawAnswer, method = 'GET'): LegacyEnvelope | undefined {
  if (answer.status >= 500 || answer.status < 200) {
    throw new Error(`status ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  expectNoInternals(answer.text);
  // HEAD has no body; CORS preflights and Node's own parser errors answer without one.
  if (answer.text === '' && (method === 'HEAD' || method === 'OPTIONS' || answer.status >= 400)) return undefined;
  let envelope: LegacyEnvelope;
  try {
    envelope = JSON.parse(answer.text) as LegacyEnvelope;
  } catch {
    throw new Error(`status ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`);
  }
  if (typeof envelope !== 'object' || envelope === null || envelope.status !== answer.status) {
    throw new Error(`status ${answer.status} but the envelope says ${answer.text.slice(0, 200)}`);
  }
  if (typeof envelope.message !== 'string' || (envelope.code !== undefined && typeof envelope.code !== 'number')) {
    throw new Error(`a malformed envelope: ${answer.text.slice(0, 200)}`);
  }
  return envelope;
}

/** Legacy codes of requests the gateway itself refuses (token, binding, validation): no service may be called. */
export const GATEWAY_REJECTION_CODES: ReadonlySet<number> = new Set([
  -101, -102, -103, -104, -105, -106, -201, -202, -203,
]);

/** The sum of every RPC the reference services received (service-to-service calls included). */
export function totalCalls(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export interface Forgery {
  name: string;
  token: string;
  /** The legacy code of the 401 (legacy-api.md §0.3). */
  legacyCode: number;
}

/**
 * Tokens an attacker could make for `uuid` without the secret, or with it but outside the contract: each must be
 * refused with 401 and its legacy code. `genuine` is a real token of another account, to tamper with.
 */
export function forgedTokens(secret: string, uuid: string, genuine: string): Forgery[] {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { uuid, type: 'access_token', exp: now + 3600 };
  // Signed by hand: jsonwebtoken refuses to sign some of these claims (an `exp` that is not a number).
  const sign = (payload: object, key: string, algorithm: 'HS256' | 'HS384' | 'HS512' = 'HS512') => {
    const unsigned = `${b64({ alg: algorithm, typ: 'JWT' })}.${b64(payload)}`;
    const hmac = createHmac(`sha${algorithm.slice(2)}`, key)
      .update(unsigned)
      .digest('base64url');
    return `${unsigned}.${hmac}`;
  };
  const [header, , signature] = genuine.split('.') as [string, string, string];
  return [
    { name: 'alg none', token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, legacyCode: -103 },
    {
      name: 'alg None, signature kept',
      token: `${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims)}.${signature}`,
      legacyCode: -103,
    },
    { name: 'HS256 with the right secret', token: sign(claims, secret, 'HS256'), legacyCode: -103 },
    { name: 'HS384 with the right secret', token: sign(claims, secret, 'HS384'), legacyCode: -103 },
    { name: 'HS512 with a wrong secret', token: sign(claims, `${secret}-wrong`), legacyCode: -103 },
    { name: 'HS512 with an empty-ish secret', token: sign(claims, ' '), legacyCode: -103 },
    { name: 'expired an hour ago', token: sign({ ...claims, exp: now - 3600 }, secret), legacyCode: -104 },
    { name: 'type refresh_token', token: sign({ ...claims, type: 'refresh_token' }, secret), legacyCode: -105 },
    { name: 'no type', token: sign({ uuid, exp: now + 3600 }, secret), legacyCode: -105 },
    { name: 'no exp', token: sign({ uuid, type: 'access_token' }, secret), legacyCode: -105 },
    { name: 'exp as a string', token: sign({ ...claims, exp: String(now + 3600) }, secret), legacyCode: 0 },
    { name: 'a uuid of no role', token: sign({ ...claims, uuid: 'club-000000000001' }, secret), legacyCode: -105 },
    { name: 'tampered payload', token: `${header}.${b64(claims)}.${signature}`, legacyCode: -103 },
    { name: 'signature cut off', token: `${header}.${b64(claims)}.`, legacyCode: -103 },
    { name: 'not a JWT', token: 'not-a-jwt', legacyCode: 0 },
  ];
}

/**
 * Counts of what a suite tried, for the README's reliability figures: with RELIABILITY_FIGURES=<file> each suite
 * adds its counts to that JSON file (`{suite: {what: n}}`); without it nothing is written.
 */
export function createTally(suite: string) {
  const counts: Record<string, number> = {};
  return {
    add(what: string, n = 1) {
      counts[what] = (counts[what] ?? 0) + n;
    },
    counts,
    flush() {
      const file = process.env.RELIABILITY_FIGURES;
      if (!file) return;
      const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
      all[suite] = counts;
      writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
    },
  };
}

/**
 * fast-check settings of this suite: bounded runs, and a bounded time (a property that cannot finish its runs in
 * it fails; a failure found is reported with what shrinking reached by then). FC_SEED (printed with any failure)
 * replays a run.
 */
export function propertyOptions(numRuns: number, timeLimitMs = 25_000) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return {
    numRuns,
    interruptAfterTimeLimit: timeLimitMs,
    markInterruptAsFailure: true,
    ...(seed === undefined ? {} : { seed }),
  };
}
