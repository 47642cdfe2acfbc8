import { createHash, randomInt, randomUUID } from 'node:crypto';
import { CALENDAR } from '../faults/mixed-load';
import { sleep } from '../faults/wait-until';

/**
 * One-off checks that two gateway replicas share what they keep in Redis, each answered by real HTTP requests
 * while the load runs. Each returns what it saw, for the assertions and the figures.
 */

export interface Answer {
  status: number;
  hit: boolean;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  ms: number;
}

export async function post(base: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    hit: res.headers.get('x-cache') === 'HIT',
    body: JSON.parse(text) as Answer['body'],
    ms: Date.now() - started,
  };
}

const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

/** A month no other request asks for (the load asks years 1…9999 in order; these are far ahead of it). */
function uniqueMonth(): { year: number; month: number } {
  return { year: 9000 + randomInt(0, 999), month: 1 + randomInt(0, 12) };
}

/**
 * A read answered by replica A is a cache hit on replica B at its first request. B knows the document (its load
 * sends the same Calendar query), so its fast path looks the key up in Redis and answers with A's entry.
 */
export async function probeSharedHit(a: string, b: string, token: string) {
  const variables = uniqueMonth();
  const first = await post(a, token, { query: CALENDAR, variables });
  // A stores the entry just after answering.
  await sleep(300);
  const second = await post(b, token, { query: CALENDAR, variables });
  return { firstHit: first.hit, firstStatus: first.status, secondHit: second.hit, secondStatus: second.status };
}

const CREATE_EVENT =
  'mutation CreateCalendarEvent($input: CalendarEventInput!) { createCalendarEvent(input: $input) { id detail } }';

/**
 * A write through A makes B's cached read of the same data miss at its very next request: B's cached month (a
 * hit a moment before) is answered by the service after A's mutation, with the new event in it.
 */
export async function probeInvalidation(a: string, b: string, token: string) {
  const { year, month } = uniqueMonth();
  const variables = { year, month };
  await post(a, token, { query: CALENDAR, variables });
  await sleep(300);
  const cachedOnB = await post(b, token, { query: CALENDAR, variables });
  const detail = `cluster probe ${randomUUID().slice(0, 8)}`;
  const day = `${year}-${String(month).padStart(2, '0')}-10`;
  const created = await post(a, token, {
    query: CREATE_EVENT,
    variables: { input: { startDate: day, endDate: day, detail } },
  });
  const afterWrite = await post(b, token, { query: CALENDAR, variables });
  const events = (afterWrite.body.data?.calendar ?? []) as Array<{ detail: string }>;
  return {
    cachedOnB: cachedOnB.hit,
    writeStatus: created.status,
    writeErrors: created.body.errors?.map((e) => e.message) ?? [],
    afterWriteHit: afterWrite.hit,
    afterWriteSeesEvent: events.some((e) => e.detail === detail),
  };
}

/**
 * An address that floods replica A is blocked, and replica B refuses it too, having heard of it through Redis:
 * at most `maxPolls` requests to B (fewer than its own threshold, so only the shared block can refuse them).
 */
export async function probeIpBlock(a: string, b: string, threshold: number, maxPolls = 10) {
  const ip = `198.51.100.${randomInt(1, 250)}`;
  const get = (base: string) =>
    fetch(`${base}/healthz`, { headers: { 'x-forwarded-for': ip }, signal: AbortSignal.timeout(5000) });
  let tripped = 0;
  for (let i = 0; i <= threshold && tripped !== 429; i += 1) tripped = (await get(a)).status;
  const blockedAt = Date.now();
  let status = 0;
  let polls = 0;
  while (polls < maxPolls && status !== 403) {
    polls += 1;
    status = (await get(b)).status;
    if (status !== 403) await sleep(50);
  }
  return { tripped, refusedByOther: status === 403, propagationMs: Date.now() - blockedAt, polls };
}

const LOGIN =
  'mutation LoginStudent($id: String!, $password: String!) { loginStudent(id: $id, password: $password) { accessToken } }';

/**
 * `@rateLimit(max: 10, window: "5m", identity: ARGUMENT, argument: "id")` on loginStudent, counted once across the
 * replicas: ten attempts alternating between A and B pass the limit (and fail as unknown ids), the eleventh is
 * refused whichever replica gets it.
 */
export async function probeFieldLimit(a: string, b: string, token: string) {
  const id = `cluster-${randomUUID().slice(0, 8)}`;
  const codes: Array<string | undefined> = [];
  for (let i = 0; i < 11; i += 1) {
    const answer = await post(i % 2 === 0 ? a : b, token, { query: LOGIN, variables: { id, password: 'wrong' } });
    codes.push(codeOf(answer));
  }
  return { firstTen: codes.slice(0, 10), eleventh: codes[10] };
}

/** An APQ hash registered through A (query and hash) runs through B from the hash alone. */
export async function probePersistedQuery(a: string, b: string, token: string) {
  const query = `query ApqProbe { calendar(year: 2026, month: 3) { id detail } } # ${randomUUID()}`;
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const extensions = { persistedQuery: { version: 1, sha256Hash } };
  const registered = await post(a, token, { query, extensions });
  const byHash = await post(b, token, { extensions });
  const unknown = await post(b, token, {
    extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(randomUUID()).digest('hex') } },
  });
  return {
    registered: registered.status === 200 && !registered.body.errors,
    byHashOnOther: byHash.status === 200 && !byHash.body.errors && Array.isArray(byHash.body.data?.calendar),
    unknownHash: unknown.body.errors?.map((e) => e.message),
  };
}
