import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { internalsShownIn } from '../helpers/reliability';

/**
 * The kinds of request the load mixes. Schedule reads use a month never asked before, so each one misses the
 * cache and reaches a schedule replica (the instances the faults hit); the cached read asks one month again and
 * again (cache hits, so Redis matters); announcement reads and writes go to the one announcement instance.
 */
export type LoadKind =
  | 'gql-calendar'
  | 'rest-calendar'
  | 'gql-calendar-cached'
  | 'gql-announcements'
  | 'rest-announcements'
  | 'gql-write'
  | 'rest-write';

/** One round of the mix: ten requests (three rounds a second at 30 requests a second). */
const MIX: readonly LoadKind[] = [
  'gql-calendar',
  'gql-write',
  'rest-calendar',
  'gql-announcements',
  'rest-write',
  'gql-calendar',
  'gql-calendar-cached',
  'gql-write',
  'rest-calendar',
  'rest-announcements',
];

export const isWrite = (kind: LoadKind) => kind === 'gql-write' || kind === 'rest-write';
export const isScheduleRead = (kind: LoadKind) => kind === 'gql-calendar' || kind === 'rest-calendar';
export const isAnnouncementRead = (kind: LoadKind) => kind === 'gql-announcements' || kind === 'rest-announcements';

/** Everything known about one request the load sent. */
export interface LoadRecord {
  /** Sent as X-Request-Id, so the gateway's log line of the request can be found. */
  id: string;
  kind: LoadKind;
  /** The scenario phase in force when the request was sent. */
  phase: string;
  startedAt: number;
  endedAt?: number;
  status?: number;
  /** GraphQL `extensions.code` (with `reason` after a slash), or `legacy <code>` for a REST error envelope. */
  code?: string;
  /** Node's error code when no HTTP answer came (ECONNREFUSED, ECONNRESET, …). */
  transportError?: string;
  stale?: boolean;
  cacheHit?: boolean;
  /** Writes: the unique title that identifies the announcement. */
  title?: string;
  /** Writes: the id the gateway answered with, when it acknowledged the write. */
  writtenId?: string;
  /** What the answer showed of the server's internals (an address, a system error name, …), if anything. */
  internals?: string;
}

export type Outcome = 'ok' | 'failed' | 'shed' | 'refused' | 'reset';

/** How a finished request ended, from the client's side. */
export function outcomeOf(record: LoadRecord): Outcome {
  if (record.transportError) return record.transportError === 'ECONNREFUSED' ? 'refused' : 'reset';
  if (record.code === 'SERVICE_UNAVAILABLE/SHEDDING') return 'shed';
  const expected = record.kind === 'rest-write' ? 201 : 200;
  return record.status === expected && record.code === undefined ? 'ok' : 'failed';
}

export interface MixedLoadOptions {
  /** The gateway's base URL (the same port across a handover). */
  base: string;
  token: string;
  ratePerSecond: number;
  /** Prefix of every written title, unique per run. */
  runTag: string;
  /** Requests still unanswered after this are abandoned by the client (bounded waits). */
  clientTimeoutMs: number;
  /** Above this many unanswered requests the load skips a beat instead of piling up. */
  maxInFlight: number;
  phase(): string;
}

export interface MixedLoad {
  records: LoadRecord[];
  /** Requests not yet answered. */
  pending(): LoadRecord[];
  /** Beats skipped because `maxInFlight` requests were unanswered. */
  readonly skipped: number;
  /** Stops sending and waits until every request sent has ended. */
  pause(): Promise<void>;
  resume(): void;
}

export const CALENDAR =
  'query Calendar($year: Int!, $month: Int!) { calendar(year: $year, month: $month) { id detail } }';
const ANNOUNCEMENTS =
  'query Announcements($type: AnnouncementType!, $page: Int, $size: Int) { announcements(type: $type, page: $page, size: $size) { total items { id title } } }';
const CREATE = 'mutation CreateAnnouncement($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) }';

interface Sent {
  method: string;
  path: string;
  body?: unknown;
}

/**
 * An open-loop load: one request every 1/rate seconds whatever the answers take (a stalled instance must not slow
 * the offered load down), each on its own connection so that a refused or reset connection belongs to exactly one
 * request. Every request is recorded with its phase and outcome.
 */
export function startMixedLoad(options: MixedLoadOptions): MixedLoad {
  const records: LoadRecord[] = [];
  const unanswered = new Set<LoadRecord>();
  const settled = new Set<Promise<void>>();
  let sequence = 0;
  let uniqueMonth = 0;
  let skipped = 0;
  let running = false;
  let loop: Promise<void> | undefined;

  const next = (kind: LoadKind, record: LoadRecord): Sent => {
    switch (kind) {
      case 'gql-calendar':
      case 'rest-calendar': {
        // 9,999 years × 12 months of keys: no read repeats within a run, so none is a cache hit.
        const n = uniqueMonth++;
        const year = 1 + (n % 9999);
        const month = 1 + (Math.floor(n / 9999) % 12);
        return kind === 'gql-calendar'
          ? { method: 'POST', path: '/graphql', body: { query: CALENDAR, variables: { year, month } } }
          : { method: 'GET', path: `/v1/schedules/years/${year}/months/${month}` };
      }
      case 'gql-calendar-cached':
        return { method: 'POST', path: '/graphql', body: { query: CALENDAR, variables: { year: 2026, month: 11 } } };
      case 'gql-announcements':
        return {
          method: 'POST',
          path: '/graphql',
          body: { query: ANNOUNCEMENTS, variables: { type: 'SCHOOL', page: 0, size: 5 } },
        };
      case 'rest-announcements':
        return { method: 'GET', path: '/v1/announcements/types/school?start=0&count=5' };
      case 'gql-write':
        return {
          method: 'POST',
          path: '/graphql',
          body: { query: CREATE, variables: { input: { type: 'SCHOOL', title: record.title, content: { t: 1 } } } },
        };
      case 'rest-write':
        return {
          method: 'POST',
          path: '/v1/announcements',
          body: { type: 'school', title: record.title, content: '{"t":1}', target_grade: 123, target_group: 1234 },
        };
    }
  };

  const send = (kind: LoadKind) => {
    const n = sequence;
    const record: LoadRecord = { id: randomUUID(), kind, phase: options.phase(), startedAt: Date.now() };
    if (isWrite(kind)) record.title = `${options.runTag}-${kind === 'gql-write' ? 'g' : 'r'}${n}`;
    records.push(record);
    unanswered.add(record);
    const done = exchange(options, record, next(kind, record)).finally(() => {
      record.endedAt = Date.now();
      unanswered.delete(record);
      settled.delete(done);
    });
    settled.add(done);
  };

  const run = async () => {
    const interval = 1000 / options.ratePerSecond;
    let due = Date.now();
    while (running) {
      if (unanswered.size >= options.maxInFlight) skipped += 1;
      else send(MIX[sequence % MIX.length] as LoadKind);
      sequence += 1;
      due += interval;
      // Behind schedule (a busy machine): carry on from now rather than fire a burst to catch up.
      if (due < Date.now() - interval) due = Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
  };

  const load: MixedLoad = {
    records,
    pending: () => [...unanswered],
    get skipped() {
      return skipped;
    },
    async pause() {
      running = false;
      await loop;
      await Promise.all([...settled]);
    },
    resume() {
      if (running) return;
      running = true;
      loop = run();
    },
  };
  load.resume();
  return load;
}

/** Sends one request on a fresh connection and fills in the record from the answer. */
function exchange(options: MixedLoadOptions, record: LoadRecord, sent: Sent): Promise<void> {
  const payload = sent.body === undefined ? undefined : JSON.stringify(sent.body);
  return new Promise((resolve) => {
    const req = request(
      `${options.base}${sent.path}`,
      {
        method: sent.method,
        agent: false,
        timeout: options.clientTimeoutMs,
        headers: {
          authorization: `Bearer ${options.token}`,
          'x-request-id': record.id,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => {
          record.transportError = error.code ?? error.message;
          resolve();
        });
        res.on('end', () => {
          record.status = res.statusCode;
          record.cacheHit = res.headers['x-cache'] === 'HIT';
          readAnswer(record, Buffer.concat(chunks).toString('utf8'));
          resolve();
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => {
      record.transportError = error.code ?? error.message;
      resolve();
    });
    req.end(payload);
  });
}

interface AnswerBody {
  data?: { createAnnouncement?: string } | null;
  errors?: Array<{ extensions?: { code?: string; reason?: string } }>;
  extensions?: { stale?: boolean };
  code?: number;
  announcement_uuid?: string;
}

function readAnswer(record: LoadRecord, text: string): void {
  const internals = internalsShownIn(text);
  if (internals) record.internals = `${internals}: ${text.slice(0, 300)}`;
  let body: AnswerBody;
  try {
    body = JSON.parse(text) as AnswerBody;
  } catch {
    record.code = 'UNREADABLE_BODY';
    return;
  }
  const error = body.errors?.[0]?.extensions;
  if (error) record.code = error.reason ? `${error.code}/${error.reason}` : (error.code ?? 'UNKNOWN');
  else if (record.kind.startsWith('rest-') && record.status !== 200 && record.status !== 201) {
    // The legacy envelope has no `reason`: 503 with code 0 (not −301/−302) is the draining gateway's refusal.
    record.code =
      record.status === 503 && body.code === 0 ? 'SERVICE_UNAVAILABLE/SHEDDING' : `legacy ${body.code ?? '?'}`;
  }
  if (body.extensions?.stale) record.stale = true;
  if (record.code !== undefined) return;
  if (record.kind === 'gql-write' && body.data?.createAnnouncement) record.writtenId = body.data.createAnnouncement;
  if (record.kind === 'rest-write' && record.status === 201 && body.announcement_uuid) {
    record.writtenId = body.announcement_uuid;
  }
}
