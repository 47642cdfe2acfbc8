import { hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { print, type DocumentNode } from 'graphql';
import type { Caller } from '../core/access-tokens';
import { isOutage } from '../core/errors';
import type { CacheScope, CacheTtls } from './cache-policy';
import { readTagsOf, spellTags, type TagSpec } from './invalidation-rules';
import { createOutageAnswers, type OutageAnswer } from './outage-answers';
import type { CachedBody, ResponseStore, ResponseStoreStatus, StaleResponse, StoreLookup } from './response-store';

/** The parts of a GraphQL request the cache key is made of, as the client sent them. */
export interface CacheableRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

import type { CacheFront, CacheLookupResult } from '../core/gateway-metrics';

/** What a REST read's answer depends on: its route, path parameters, query string and bound body. */
export interface RestReadKey {
  routeId: number;
  params: Readonly<Record<string, unknown>>;
  /** The query string, without its `?`. */
  query: string;
  body: unknown;
}

/**
 * One read of a signed-in caller that the cache may answer or keep (`ResponseCache.read`): what it is keyed by,
 * who shares it, how long it stays fresh, and how to run it on a miss.
 */
export interface CacheableRead<T> {
  /**
   * GraphQL: the operation's document (keyed by the request text the fast path remembered, else by the printed
   * document, for GET and multipart requests) and whether the fast path may answer it (no `@rateLimit` field).
   * REST: the route's key parts.
   */
  request:
    | { graphql: { document: DocumentNode; variables: Record<string, unknown> | undefined; fastPath: boolean } }
    | { rest: RestReadKey };
  scope: 'PUBLIC' | 'PRIVATE';
  caller: Caller;
  ttlMs: number;
  /** Runs the read on a miss. A thrown outage (no instance, every breaker open) is answered from the stale copy. */
  run(): Promise<ReadRun<T>>;
}

/** What a read that ran gave, and what of it the cache keeps. */
export interface ReadRun<T> {
  value: T;
  /**
   * It failed for an outage: `only` when nothing else failed (a GraphQL answer may then be replayed for a moment,
   * `outage-answers.ts`), `partly` otherwise. The stale copy, when there is one, answers instead.
   */
  outage?: 'only' | 'partly';
  /**
   * A successful answer to keep: its bytes, its tags (named as data where they take an id, `TagSpec`: the cache
   * spells them), and the root fields it read with their arguments (the cache adds their read tags). Empty or
   * id-less tags (`Outing:`) are dropped.
   */
  entry?: {
    body: string;
    tags: Iterable<TagSpec>;
    reads: ReadonlyArray<{ field: string; args: Record<string, unknown> }>;
  };
}

/** How `read` answered: from the cache (fresh), from its stale copy (the service is down), or by running the read. */
export type ReadAnswer<T> =
  { from: 'cache'; body: CachedBody } | { from: 'stale'; stale: StaleResponse } | { from: 'run'; value: T };

export interface ResponseCacheOptions {
  store: ResponseStore;
  ttls: CacheTtls;
  /** Told of every lookup's outcome (the `gateway_cache_lookups_total` metric). */
  onLookup?: (front: CacheFront, result: CacheLookupResult) => void;
  /** Distinct documents whose scope the fast path remembers. @default 2000 */
  maxKnownDocuments?: number;
}

/** `/readyz`'s view of the cache. */
export interface ResponseCacheStatus extends ResponseStoreStatus {
  status: 'ok' | 'degraded';
}

/**
 * The response cache: its port to the store (look up, store, invalidate: `store`, `write`, `invalidate`), the key,
 * and the fast path. Both front doors read through it with one call (`read`: the operation plan's executor,
 * `run-operation.ts`, and the REST routes, `rest-response-cache.ts`), and their writes invalidate through it.
 *
 * The fast path is a stage of its own, before Apollo: it answers a fresh hit with the stored bytes (one hash, one
 * store lookup). Its contract:
 * - it only serves documents whose plan it has been told about (`learn`), so the first request of a new document
 *   always runs in full; documents with a `@rateLimit` field never use it (every request must reach the limiter);
 * - it only serves JSON POSTs with a signed-in caller, keyed by the query text, operation name, variables and the
 *   caller's uuid (PRIVATE) or role (PUBLIC);
 * - on a hit what ran before it still ran (the drain, the flood guard, CORS, the token check, the request's log
 *   line and metrics), and nothing after it runs: no Apollo (parsing, validation, APQ), no input constraints, no
 *   rules, no limits, no execution. That is sound because the entry was stored from a run of the same document
 *   with the same variables by the same caller (or role) that passed every one of them: constraints and role
 *   rules decide the same again; an ownership fact that changed (a club's leader, say) is a write that
 *   invalidated the entry; and limited documents never get here.
 */
export interface ResponseCache {
  readonly store: ResponseStore;
  readonly ttls: CacheTtls;
  /**
   * Runs after the body is parsed, before Apollo: remembers the request text for the key and answers a fresh hit,
   * or an outage answer of the last second (`outage-answers.ts`), itself (true). False means "go on with GraphQL".
   */
  fastPath(req: IncomingMessage, res: ServerResponse, body: unknown, context: FastPathContext): Promise<boolean>;
  /**
   * The read-through both front doors use: the key (from the request's parts and the caller's session), one
   * counted lookup (a fast-path miss of the same key is reused: no second round trip), then on a miss the read
   * itself; its successful answer is kept with its tags without holding the response, and a read that failed for
   * an outage is answered from the stale copy that came with the miss. `context` is the request's (GraphQL: what
   * the fast path remembered on it, and where an outage answer to replay is noted).
   */
  read<T>(front: CacheFront, context: object, read: CacheableRead<T>): Promise<ReadAnswer<T>>;
  /** The read of this key failed for an outage, with no stale copy: its answer may be replayed (`read` notes it). */
  noteOutage(context: object, key: string): void;
  /**
   * The complete answer of a request, once sent, when its `answerSlot` says the cache wants it: kept for replay when
   * its read failed for an outage (its headers are copied then), or the end of the outage when it was the trial.
   */
  answered(context: object, answer: SentAnswer): void;
  /** The request text remembered for this context (undefined for GET and multipart requests). */
  requestOf(context: object): CacheableRequest | undefined;
  /** Records the scope of a document once its plan decided it, so the fast path can build its key. */
  learn(request: CacheableRequest, scope: CacheScope | undefined): void;
  keyOf(request: CacheableRequest, session: string): string;
  /** A fast-path miss already looked the key up: `read` reuses that lookup instead of asking again. */
  takeMiss(key: string): FastPathMiss | undefined;
  /** Waits for a write of this key still in progress on this replica. */
  settled(key: string): Promise<void> | undefined;
  invalidate(tags: readonly string[] | 'all'): Promise<void>;
  status(): ResponseCacheStatus;
  close(): Promise<void>;
}

/** Who shares an entry: one per role for PUBLIC reads, one per caller for PRIVATE ones. */
export function sessionOf(scope: CacheScope, caller: Caller): string {
  return scope === 'PUBLIC' ? `role:${caller.role}` : `user:${caller.uuid}`;
}

/** A deterministic JSON form of the variables (key order does not change the key). */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** A REST read's key: route id, path parameters, query string, bound body and session. */
export function restKeyOf(request: RestReadKey, session: string): string {
  // One string hashed at once: the digest of the parts fed in turn, at a third of `createHash`'s cost.
  return hash(
    'sha256',
    `rest|${request.routeId}|${stableStringify(request.params)}|${request.query}|` +
      `${stableStringify(request.body)}|${session}`,
    'base64url',
  );
}

/** A tag with its id, when it has one: `Outing:` (an empty id) or an empty tag covers nothing a write names. */
const isWholeTag = (tag: string) => tag !== '' && !tag.endsWith(':');

const printedDocuments = new WeakMap<DocumentNode, string>();
/** GET and multipart requests have no remembered text: they are keyed by the printed document. */
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

/** An answer as it was sent: its headers as the server had them. */
export type SentAnswer = Omit<OutageAnswer, 'headers'> & { headers: Iterable<readonly [string, string]> };

/** What the fast path knows of the request besides its body. */
export interface FastPathContext {
  caller: Caller | undefined;
  /** The request's record: told the error code of a replayed outage answer. */
  record?: { errorCode?: string } | undefined;
  /** Set by the fast path on a miss (`AnswerSlot`). */
  answerSlot?: AnswerSlot | undefined;
}

/**
 * Whether the cache wants to hear the request's complete answer (`ResponseCache.answered`), set by the fast path on
 * a miss and shared with Apollo's shallow copy of the context: it does when its read failed for an outage (the
 * answer may be replayed for a moment) or when the request is the trial of an expired outage answer (a success
 * ends the outage). Most requests are neither, and their route tells the cache nothing.
 */
export interface AnswerSlot {
  wanted: boolean;
  /** The request's key as the fast path looked it up. */
  request: string;
  /** The key of its read, when the executor found it failed for an outage. */
  key: string | undefined;
}

/** What a fast-path miss found: the store's clock at the lookup, and the stale copy if there was one. */
export interface FastPathMiss {
  readAt: number;
  stale: StaleResponse | undefined;
}

const REQUEST = Symbol('cacheable request');
// `no-store` as on every answer Apollo gives (`handleGraphQL`): a per-caller answer is kept by no browser or proxy.
const SUCCESS_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-cache': 'HIT',
};

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { store } = options;
  const maxKnown = options.maxKnownDocuments ?? 2000;
  // document text (+ operation name) → scope, for documents the plugin found cacheable. Insertion order = age.
  const scopes = new Map<string, CacheScope>();
  const misses = new Map<string, FastPathMiss>();
  const outages = createOutageAnswers();
  const writing = new Map<string, Promise<void>>();
  const documentKey = (request: CacheableRequest) => `${request.operationName ?? ''}\u0000${request.query}`;

  // One-shot `hash` over one string: the same digest as a `createHash` fed the parts in turn, for a third of its
  // cost (≈ 0.7 against 2.6 µs a key); the key is computed on every cache hit.
  const keyOf = (request: CacheableRequest, session: string): string =>
    hash(
      'sha256',
      `${request.query.length}:${request.query}|${request.operationName ?? ''}|` +
        `${request.variables ? stableStringify(request.variables) : '{}'}|${session}`,
      'base64url',
    );

  const recordLookup = options.onLookup ?? (() => {});
  const settledLookup = async (front: CacheFront, key: string): Promise<StoreLookup> => {
    const pending = writing.get(key);
    if (pending) await pending;
    const lookup = await store.get(key);
    recordLookup(front, lookup.hit ? 'hit' : 'miss');
    return lookup;
  };
  const takeMiss = (key: string): FastPathMiss | undefined => {
    const miss = misses.get(key);
    if (miss !== undefined) misses.delete(key);
    return miss;
  };
  /**
   * One lookup of a key for a front door, counted: the fast path's miss of it when there is one (no second round
   * trip), else the store's answer once a write of the key still in progress on this replica has settled.
   */
  const lookup = async (front: CacheFront, key: string): Promise<StoreLookup> => {
    const miss = takeMiss(key);
    return miss === undefined ? settledLookup(front, key) : { hit: false, ...miss };
  };
  const learn = (request: CacheableRequest, scope: CacheScope | undefined) => {
    const key = documentKey(request);
    if (scopes.has(key) || scope === undefined) return;
    if (scopes.size >= maxKnown) scopes.delete(scopes.keys().next().value as string);
    scopes.set(key, scope);
  };
  const requestOf = (context: object) => (context as Record<symbol, CacheableRequest | undefined>)[REQUEST];
  const noteOutage = (context: object, key: string) => {
    const slot = (context as FastPathContext).answerSlot;
    if (slot === undefined) return;
    slot.key = key;
    slot.wanted = true;
  };
  /**
   * Stores an answer without holding the response: it can leave before the entry is written, and a lookup of the
   * same key on this replica waits for the write instead of missing. `readAt` is the store's clock at the miss:
   * an entry read before a write that invalidated its tags is not stored.
   */
  const keep = (key: string, body: string, tags: readonly string[], ttlMs: number, readAt: number) => {
    const done = store.set(key, body, tags, ttlMs, readAt).finally(() => {
      if (writing.get(key) === done) writing.delete(key);
    });
    writing.set(key, done);
  };
  /** The key of a read: its request's parts and the session that shares it. */
  const readKeyOf = (context: object, read: CacheableRead<unknown>): string => {
    const session = sessionOf(read.scope, read.caller);
    if ('rest' in read.request) return restKeyOf(read.request.rest, session);
    const { document, variables, fastPath } = read.request.graphql;
    const remembered = requestOf(context);
    // The fast path may answer the next request of this document (unless every request must reach a limiter).
    if (remembered) learn(remembered, fastPath ? read.scope : 'NONE');
    return keyOf(remembered ?? { query: printed(document), operationName: undefined, variables }, session);
  };
  const stale = (front: CacheFront, copy: StaleResponse): ReadAnswer<never> => {
    recordLookup(front, 'stale');
    return { from: 'stale', stale: copy };
  };
  return {
    async read(front, context, read) {
      const key = readKeyOf(context, read);
      const found = await lookup(front, key);
      if (found.hit) return { from: 'cache', body: found.body };
      let ran;
      try {
        ran = await read.run();
      } catch (error) {
        // The stale copy came with the miss: an outage costs no second lookup.
        if (found.stale && isOutage(error)) return stale(front, found.stale);
        throw error;
      }
      if (ran.outage) {
        if (found.stale) return stale(front, found.stale);
        // Nothing to fall back on and nothing but the outage failed: the answer may be replayed for a moment.
        if (ran.outage === 'only') noteOutage(context, key);
      } else if (ran.entry && read.ttlMs > 0 && found.readAt !== 0) {
        const tags = new Set(spellTags(ran.entry.tags));
        for (const { field, args } of ran.entry.reads)
          for (const tag of readTagsOf(field, args, read.caller)) tags.add(tag);
        // In the background: the answer leaves at once.
        keep(key, ran.entry.body, [...tags].filter(isWholeTag), read.ttlMs, found.readAt);
      }
      return { from: 'run', value: ran.value };
    },
    store,
    ttls: options.ttls,
    async fastPath(req, res, body, context) {
      const request = cacheableRequestOf(body);
      if (!request) return false;
      // A symbol property: Apollo runs the operation on a shallow copy of the context, which keeps it.
      (context as object as Record<symbol, unknown>)[REQUEST] = request;
      const scope = scopes.get(documentKey(request));
      const caller = context.caller;
      if (scope === undefined || scope === 'NONE' || !caller) return false;
      // Apollo's CSRF prevention lets JSON through; other content types must meet it.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return false;
      const key = keyOf(request, sessionOf(scope, caller));
      const outage = outages.find(key);
      if (outage) {
        if (context.record) context.record.errorCode ??= outage.errorCode;
        res.writeHead(outage.status, [
          ...outage.headers.flat(),
          'content-length',
          String(Buffer.byteLength(outage.body)),
        ]);
        res.end(outage.body);
        return true;
      }
      // Shared with Apollo's shallow copy of the context, for the executor to note an outage in. No answer replayed
      // but one kept: this request is the trial of an expired outage answer, and its answer decides the outage.
      context.answerSlot = { wanted: outages.has(key), request: key, key: undefined };
      const lookup = await settledLookup('graphql', key);
      if (!lookup.hit) {
        if (misses.size > 10_000) misses.clear();
        // The earliest read of concurrent misses: a store after it must not hide a write made since.
        const earlier = misses.get(key);
        misses.set(
          key,
          earlier && earlier.readAt <= lookup.readAt ? earlier : { readAt: lookup.readAt, stale: lookup.stale },
        );
        return false;
      }
      // With its length, so the answer is not sent chunked.
      res.writeHead(200, { ...SUCCESS_HEADERS, 'content-length': Buffer.byteLength(lookup.body) });
      res.end(lookup.body);
      return true;
    },
    requestOf,
    noteOutage,
    answered(context, answer) {
      const slot = (context as FastPathContext).answerSlot;
      if (!slot?.wanted) return;
      if (slot.key !== undefined) outages.remember(slot.key, { ...answer, headers: [...answer.headers] });
      // Answered without an outage: if this request was the trial of an expired outage answer, the outage is over.
      else outages.forget(slot.request);
    },
    learn,
    keyOf,
    takeMiss,
    settled: (key) => writing.get(key),
    async invalidate(tags) {
      if (tags === 'all') await store.invalidateAll();
      else await store.invalidate(tags);
    },
    status() {
      const status = store.status();
      return { ...status, status: status.healthy ? 'ok' : 'degraded' };
    },
    close: () => store.close(),
  };
}

/**
 * The request as the key sees it, or undefined when the fast path must leave it to Apollo: a hit must never answer
 * a request Apollo would refuse (an empty operation name names no operation; `extensions` of the wrong type, or
 * a persisted-query extension Apollo has to check against the query).
 */
function cacheableRequestOf(body: unknown): CacheableRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (operationName === '') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return undefined;
  }
  if (extensions !== undefined && extensions !== null) {
    if (typeof extensions !== 'object' || Array.isArray(extensions) || 'persistedQuery' in extensions) return undefined;
  }
  return {
    query,
    operationName: operationName ?? undefined,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
  };
}
