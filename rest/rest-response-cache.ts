import { hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOutage } from '../core/errors';
import { QUERY_POLICY, type CacheScope } from '../cache/cache-policy';
import { readTagsOf } from '../cache/invalidation-rules';
import { sessionOf, stableStringify, type ResponseCache } from '../cache/response-cache';
import type { CachedBody } from '../cache/response-store';
import type { Envelope } from './envelope';
import type { RestContext, RestRoute } from './rest-route';

/**
 * The legacy GET routes read through the GraphQL response cache: the same store, the same scope per caller, the
 * same TTLs and the same tags, so a write through either front door (REST routes report theirs as the GraphQL
 * write of their record's `writes`, GraphQL mutations through the operation executor) drops the REST reads it made
 * stale.
 *
 * Each cacheable route's record names the root Query field that does its job (`cache`, a `RestCacheRule`): the
 * field's `QUERY_POLICY` row gives the scope (PUBLIC = one entry per role, PRIVATE = one per caller, NONE = never)
 * and the TTL, and `readTagsOf` the tags. A GraphQL result also carries one `Type` and one `Type:id` tag per
 * object in it (`result-entities.ts`); an envelope has no typenames, so each route adds those tags itself
 * (`entities`), else a write that names only an entity (a teacher approving outing X) would miss the REST list
 * that shows it.
 *
 * Only 200 envelopes are stored, keyed by route id, path parameters, query string, bound body and session.
 * Anonymous routes (15, 55) and POST reads (13) are never cached.
 *
 * Route 64 (opening an announcement marks it read) is cached per caller, as `Query.announcement` is: an entry
 * exists only once that caller has opened it through the backend (which marked it read and invalidated their
 * unread check and lists), and a repeated opening by the same caller changes nothing on the backend (views count
 * distinct readers). A caller who has not read it yet has no entry and always reaches the backend.
 */

/** The cache of one route, or nothing for a route that is never cached. */
export interface RestRouteCache {
  /**
   * Answers the request through the cache: a fresh hit (no handler, no backend call) or, when the handler fails
   * because its service has no instance or open breakers, the last entry past its TTL with a `Warning` header.
   * Both are sent here and give undefined. Otherwise the handler's envelope is returned (and stored if 200).
   */
  serve(
    context: RestContext,
    req: IncomingMessage,
    res: ServerResponse,
    handle: () => Promise<Envelope>,
  ): Promise<Envelope | undefined>;
}

export interface RestResponseCache {
  forRoute(route: RestRoute): RestRouteCache | undefined;
}

const HIT_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-cache': 'HIT' } as const;
/** RFC 7234 §5.5.1; the envelope itself stays as the legacy client knows it. */
const STALE_WARNING = '110 - "Response is Stale"';

export function createRestResponseCache(cache: ResponseCache): RestResponseCache {
  return {
    forRoute(route) {
      const rule = route.cache;
      const policy = rule && QUERY_POLICY[rule.field];
      if (route.method !== 'GET' || route.auth !== 'jwt' || !rule || !policy || policy.scope === 'NONE') {
        return undefined;
      }
      const scope: CacheScope = policy.scope;
      const ttlMs = policy.ttl === 'timetable' ? cache.ttls.timetableMs : cache.ttls.defaultMs;
      return {
        async serve(context, req, res, handle) {
          const caller = context.caller;
          if (!caller) return handle();
          const key = restKeyOf(route.id, context, req.url ?? '', sessionOf(scope, caller));
          const lookup = await cache.lookup('rest', key);
          if (lookup.hit) {
            send(res, lookup.body, HIT_HEADERS);
            return undefined;
          }
          let envelope: Envelope;
          try {
            envelope = await handle();
          } catch (error) {
            if (!isOutage(error)) throw error;
            // The stale copy came with the miss: an outage costs no second lookup.
            const { stale } = lookup;
            if (!stale) throw error;
            cache.recordLookup('rest', 'stale');
            send(res, stale.body, {
              'content-type': HIT_HEADERS['content-type'],
              warning: STALE_WARNING,
              age: String(Math.floor(stale.ageMs / 1000)),
            });
            return undefined;
          }
          if (envelope.status === 200) {
            const args = rule.args?.(context) ?? {};
            const entryTags = [
              ...readTagsOf(rule.field, args, { uuid: caller.uuid }),
              ...(rule.entities?.(context, envelope) ?? []),
            ].filter((tag) => tag !== '' && !tag.endsWith(':'));
            // In the background: the response leaves at once.
            cache.keep(key, JSON.stringify(envelope), entryTags, ttlMs, lookup.readAt);
          }
          return envelope;
        },
      };
    },
  };
}

/** Route id, path parameters, query string, bound body and session (`role:` for PUBLIC, `user:` for PRIVATE). */
export function restKeyOf(routeId: number, context: RestContext, url: string, session: string): string {
  const queryAt = url.indexOf('?');
  // One string hashed at once: the digest of the parts fed in turn, at a third of `createHash`'s cost.
  return hash(
    'sha256',
    `rest|${routeId}|${stableStringify(context.params)}|${queryAt < 0 ? '' : url.slice(queryAt + 1)}|` +
      `${stableStringify(context.body)}|${session}`,
    'base64url',
  );
}

function send(res: ServerResponse, body: CachedBody, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
