import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../../../core/access-tokens';
import { createMemoryResponseStore } from '../../../cache/memory-response-store';
import { createResponseCache, type AnswerSlot, type CacheableRequest } from '../../../cache/response-cache';

/** What the fast path wrote, if anything. */
function fakeResponse() {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: unknown } = {};
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      sent.status = status;
      sent.headers = headers;
      return res;
    },
    end(body?: unknown) {
      sent.body = body;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

const jsonPost = (contentType = 'application/json') =>
  ({ method: 'POST', headers: { 'content-type': contentType } }) as unknown as IncomingMessage;

const ADMIN: Caller = { role: 'admin', uuid: 'admin-000000000001' };
const TEACHER: Caller = { role: 'teacher', uuid: 'teacher-000000000001' };
const QUERY = '{ clubCount }';
const REQUEST: CacheableRequest = { query: QUERY, operationName: undefined, variables: undefined };
/** Apollo's serialization of a successful result, as the executor stores it. */
const BODY = '{"data":{"clubCount":7}}\n';

function setup() {
  const store = createMemoryResponseStore({ maxStalenessMs: 60_000, maxEntries: 100 });
  const lookups: string[] = [];
  const getSpy = jest.spyOn(store, 'get');
  const cache = createResponseCache({
    store,
    ttls: { defaultMs: 60_000, timetableMs: 86_400_000 },
    onLookup: (front, result) => lookups.push(`${front}:${result}`),
  });
  /** An entry as the executor stores it, for this caller's session of a PUBLIC document. */
  const stored = async (caller: Caller) => {
    const lookup = await store.get('warm-up');
    const readAt = lookup.hit ? 0 : lookup.readAt;
    await store.set(cache.keyOf(REQUEST, `role:${caller.role}`), BODY, ['clubs:lists'], 60_000, readAt);
    getSpy.mockClear();
  };
  return { cache, store, lookups, getSpy, stored };
}

describe('the response cache fast path (before Apollo)', () => {
  it('answers a fresh hit with the stored bytes and X-Cache: HIT', async () => {
    const { cache, stored, lookups } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await stored(ADMIN);
    const { res, sent } = fakeResponse();
    expect(await cache.fastPath(jsonPost(), res, { query: QUERY }, { caller: ADMIN })).toBe(true);
    expect(sent).toEqual({
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-cache': 'HIT',
        'content-length': Buffer.byteLength(BODY),
      },
      body: BODY,
    });
    expect(lookups).toEqual(['graphql:hit']);
  });

  it('remembers a miss (the store clock, and the stale copy if any) for the executor, once', async () => {
    const { cache, lookups } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    const { res, sent } = fakeResponse();
    const context = { caller: TEACHER };
    expect(await cache.fastPath(jsonPost(), res, { query: QUERY }, context)).toBe(false);
    expect(sent).toEqual({});
    expect(lookups).toEqual(['graphql:miss']);
    const key = cache.keyOf(REQUEST, 'role:teacher');
    expect(cache.takeMiss(key)).toEqual({ readAt: expect.any(Number), stale: undefined });
    expect(cache.takeMiss(key)).toBeUndefined();
    // The request text is remembered on the context, for the executor's key.
    expect(cache.requestOf(context)).toEqual(REQUEST);
  });

  it('leaves a document whose plan it was not told about to Apollo, without a lookup', async () => {
    const { cache, getSpy, stored } = setup();
    await stored(ADMIN);
    const { res, sent } = fakeResponse();
    expect(await cache.fastPath(jsonPost(), res, { query: QUERY }, { caller: ADMIN })).toBe(false);
    expect(getSpy).not.toHaveBeenCalled();
    expect(sent).toEqual({});
  });

  it('never serves a document with scope NONE', async () => {
    const { cache, getSpy } = setup();
    cache.learn(REQUEST, 'NONE');
    expect(await cache.fastPath(jsonPost(), fakeResponse().res, { query: QUERY }, { caller: ADMIN })).toBe(false);
    expect(getSpy).not.toHaveBeenCalled();
  });

  it('leaves a request that is not JSON to Apollo (its CSRF check must see it)', async () => {
    const { cache, getSpy, stored } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await stored(ADMIN);
    const { res, sent } = fakeResponse();
    expect(await cache.fastPath(jsonPost('text/plain'), res, { query: QUERY }, { caller: ADMIN })).toBe(false);
    expect(getSpy).not.toHaveBeenCalled();
    expect(sent).toEqual({});
  });

  it('leaves an anonymous caller to Apollo', async () => {
    const { cache, getSpy } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    const { res, sent } = fakeResponse();
    expect(await cache.fastPath(jsonPost(), res, { query: QUERY }, { caller: undefined })).toBe(false);
    expect(getSpy).not.toHaveBeenCalled();
    expect(sent).toEqual({});
  });

  it('leaves a persisted-query extension to Apollo (it checks the hash against the query)', async () => {
    const { cache, getSpy, stored } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await stored(ADMIN);
    const context = { caller: ADMIN };
    const body = { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 'not-the-hash' } } };
    expect(await cache.fastPath(jsonPost(), fakeResponse().res, body, context)).toBe(false);
    expect(getSpy).not.toHaveBeenCalled();
    expect(cache.requestOf(context)).toBeUndefined();
  });

  it('leaves requests Apollo would refuse to Apollo: an empty operation name, a batch, variables not an object', async () => {
    const { cache, getSpy, stored } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await stored(ADMIN);
    for (const body of [{ query: QUERY, operationName: '' }, [{ query: QUERY }], { query: QUERY, variables: [1] }]) {
      expect(await cache.fastPath(jsonPost(), fakeResponse().res, body, { caller: ADMIN })).toBe(false);
    }
    expect(getSpy).not.toHaveBeenCalled();
  });

  it('keys by the variables: the same document with other variables is another entry', async () => {
    const { cache, stored } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await stored(ADMIN);
    const withVariables = { query: QUERY, variables: { unused: 1 } };
    expect(await cache.fastPath(jsonPost(), fakeResponse().res, withVariables, { caller: ADMIN })).toBe(false);
    expect(await cache.fastPath(jsonPost(), fakeResponse().res, { query: QUERY }, { caller: ADMIN })).toBe(true);
  });
});

describe('response cache keys', () => {
  it('keep the layout earlier versions wrote, so replicas of two versions share entries during a rolling upgrade', () => {
    const { cache } = setup();
    const request: CacheableRequest = {
      query: 'query Clubs($n: Int) { clubs(limit: $n) { id } }',
      operationName: 'Clubs',
      variables: { n: 3, after: 'x' },
    };
    const earlier = createHash('sha256')
      .update(`${request.query.length}:${request.query}|Clubs|`)
      .update('{"after":"x","n":3}')
      .update('|user:student-1')
      .digest('base64url');
    expect(cache.keyOf(request, 'user:student-1')).toBe(earlier);
    const withoutVariables = createHash('sha256')
      .update(`${QUERY.length}:${QUERY}||`)
      .update('{}')
      .update('|role:teacher')
      .digest('base64url');
    expect(cache.keyOf(REQUEST, 'role:teacher')).toBe(withoutVariables);
  });
});

describe('outage answers replayed by the fast path', () => {
  const OUTAGE_BODY = '{"errors":[{"message":"the club service is unavailable","path":["clubCount"]}],"data":null}\n';
  const answer = {
    status: 503,
    headers: [['content-type', 'application/json; charset=utf-8']] as Array<[string, string]>,
    body: OUTAGE_BODY,
    errorCode: 'SERVICE_UNAVAILABLE',
  };

  /** One request through the fast path, then (when it goes on) an execution that failed for an outage. */
  async function failedRequest(cache: ReturnType<typeof setup>['cache'], outage = true) {
    const context = { caller: TEACHER, record: {} as { errorCode?: string } };
    const { res, sent } = fakeResponse();
    const answered = await cache.fastPath(jsonPost(), res, { query: QUERY }, context);
    if (!answered) {
      if (outage) cache.noteOutage({ ...context }, cache.keyOf(REQUEST, 'role:teacher'));
      cache.answered({ ...context }, answer);
    }
    return { answered, sent, record: context.record };
  }

  it("asks to hear a miss's answer only once its read failed for an outage: most answers cost the cache nothing", async () => {
    const { cache } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    const context: { caller: typeof TEACHER; answerSlot?: AnswerSlot } = { caller: TEACHER };
    expect(await cache.fastPath(jsonPost(), fakeResponse().res, { query: QUERY }, context)).toBe(false);
    expect(context.answerSlot?.wanted).toBe(false);
    // The executor works on Apollo's shallow copy: the slot is shared.
    cache.noteOutage({ ...context }, cache.keyOf(REQUEST, 'role:teacher'));
    expect(context.answerSlot?.wanted).toBe(true);
  });

  it('answers the same request again without a store lookup for a second, with the error code on the record', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { cache, getSpy } = setup();
      cache.learn(REQUEST, 'PUBLIC');
      expect((await failedRequest(cache)).answered).toBe(false);
      getSpy.mockClear();
      const replayed = await failedRequest(cache);
      expect(replayed.answered).toBe(true);
      expect(replayed.sent).toEqual({
        status: 503,
        headers: [
          'content-type',
          'application/json; charset=utf-8',
          'content-length',
          String(Buffer.byteLength(OUTAGE_BODY)),
        ],
        body: OUTAGE_BODY,
      });
      expect(replayed.record.errorCode).toBe('SERVICE_UNAVAILABLE');
      expect(getSpy).not.toHaveBeenCalled();
      // A second later the request runs in full again (and is looked up).
      jest.advanceTimersByTime(1000);
      expect((await failedRequest(cache)).answered).toBe(false);
      expect(getSpy).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  /**
   * A remembered outage answer, a second old, and its trial: the first request after the expiry, which the fast
   * path left to run in full. Fake timers throughout.
   */
  async function withExpiredOutage(
    test: (
      cache: ReturnType<typeof setup>['cache'],
      trial: { caller: typeof TEACHER; answerSlot?: AnswerSlot },
    ) => Promise<void>,
  ) {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { cache } = setup();
      cache.learn(REQUEST, 'PUBLIC');
      await failedRequest(cache);
      jest.advanceTimersByTime(1000);
      const trial: { caller: typeof TEACHER; answerSlot?: AnswerSlot } = { caller: TEACHER };
      expect(await cache.fastPath(jsonPost(), fakeResponse().res, { query: QUERY }, trial)).toBe(false);
      // The trial's answer decides the outage: its route must tell the cache.
      expect(trial.answerSlot?.wanted).toBe(true);
      await test(cache, trial);
    } finally {
      jest.useRealTimers();
    }
  }

  it('once the answer expires, runs one request in full (the trial) while the others still get the answer', () =>
    withExpiredOutage(async (cache, trial) => {
      // While the trial runs, the burst of requests behind it is answered from memory, not run in full.
      for (let i = 0; i < 3; i += 1) expect((await failedRequest(cache)).answered).toBe(true);
      // The trial failed again: its answer is replayed for another second.
      cache.noteOutage({ ...trial }, cache.keyOf(REQUEST, 'role:teacher'));
      cache.answered({ ...trial }, answer);
      jest.advanceTimersByTime(999);
      expect((await failedRequest(cache)).answered).toBe(true);
    }));

  it('forgets the answer when the trial succeeds, so the next request runs in full', () =>
    withExpiredOutage(async (cache, trial) => {
      cache.answered({ ...trial }, { ...answer, status: 200, errorCode: undefined });
      const { res, sent } = fakeResponse();
      expect(await cache.fastPath(jsonPost(), res, { query: QUERY }, { caller: TEACHER })).toBe(false);
      expect(sent).toEqual({});
    }));

  it('gives a trial that never answered up after a second: the next request becomes the trial', () =>
    withExpiredOutage(async (cache) => {
      jest.advanceTimersByTime(999);
      expect((await failedRequest(cache)).answered).toBe(true);
      jest.advanceTimersByTime(1);
      expect(await cache.fastPath(jsonPost(), fakeResponse().res, { query: QUERY }, { caller: TEACHER })).toBe(false);
      expect((await failedRequest(cache)).answered).toBe(true);
    }));

  it('keeps nothing when the executor noted no outage (another failure, or a stale copy answered)', async () => {
    const { cache } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await failedRequest(cache, false);
    expect((await failedRequest(cache, false)).answered).toBe(false);
  });

  it('replays an answer only to the session it was made for', async () => {
    const { cache } = setup();
    cache.learn(REQUEST, 'PUBLIC');
    await failedRequest(cache);
    const { res, sent } = fakeResponse();
    expect(await cache.fastPath(jsonPost(), res, { query: QUERY }, { caller: ADMIN })).toBe(false);
    expect(sent).toEqual({});
  });
});
