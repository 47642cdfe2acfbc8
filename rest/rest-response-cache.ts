import type { IncomingMessage, ServerResponse } from 'node:http';
import { QUERY_POLICY } from '../cache/cache-policy';
import type { ReadRun, ResponseCache } from '../cache/response-cache';
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
      const { scope } = policy;
      const ttlMs = policy.ttl === 'timetable' ? cache.ttls.timetableMs : cache.ttls.defaultMs;
      return {
        async serve(context, req, res, handle) {
          const caller = context.caller;
          if (!caller) return handle();
          const url = req.url ?? '';
          const queryAt = url.indexOf('?');
          const answer = await cache.read('rest', context, {
            request: {
              rest: {
                routeId: route.id,
                params: context.params,
                query: queryAt < 0 ? '' : url.slice(queryAt + 1),
                body: context.body,
              },
            },
            scope,
            caller,
            ttlMs,
            // Only 200 envelopes are kept; a handler's outage is answered from the stale copy, when there is one.
            run: async (): Promise<ReadRun<Envelope>> => {
              const envelope = await handle();
              if (envelope.status !== 200) return { value: envelope };
              return {
                value: envelope,
                entry: {
                  body: JSON.stringify(envelope),
                  tags: rule.entities?.(context, envelope) ?? [],
                  reads: [{ field: rule.field, args: rule.args?.(context) ?? {} }],
                },
              };
            },
          });
          if (answer.from === 'run') return answer.value;
          if (answer.from === 'cache') send(res, answer.body, HIT_HEADERS);
          else {
            send(res, answer.stale.body, {
              'content-type': HIT_HEADERS['content-type'],
              warning: STALE_WARNING,
              age: String(Math.floor(answer.stale.ageMs / 1000)),
            });
          }
          return undefined;
        },
      };
    },
  };
}

function send(res: ServerResponse, body: CachedBody, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
