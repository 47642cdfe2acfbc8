import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, UnavailableReason } from '../core/error-codes';
import { isGatewayError } from '../core/errors';
import { QUERY_POLICY, type CacheScope } from '../cache/cache-policy';
import { readTagsOf, tags } from '../cache/invalidation-rules';
import { sessionOf, stableStringify, type ResponseCache } from '../cache/response-cache';
import type { CachedBody } from '../cache/response-store';
import type { Envelope } from './envelope';
import type { RestContext, RestRoute } from './rest-route';

/**
 * The legacy GET routes read through the GraphQL response cache: the same store, the same scope per caller, the
 * same TTLs and the same tags, so a write through either front door (REST routes call `invalidationsOf` through
 * `write-invalidations.ts`, GraphQL mutations through the operation executor) drops the REST reads it made stale.
 *
 * Each cacheable route names the root Query field that does its job (the table of
 * `test/unit/graphql/legacy-route-coverage.test.ts`): the field's `QUERY_POLICY` row gives the scope (PUBLIC =
 * one entry per role, PRIVATE = one per caller, NONE = never) and the TTL, and `readTagsOf` the tags. A GraphQL
 * result also carries one `Type` and one `Type:id` tag per object in it (`result-entities.ts`);
 * an envelope has no typenames, so each route adds those tags itself (`entities`), else a write that names only
 * an entity (a teacher approving outing X) would miss the REST list that shows it.
 *
 * Only 200 envelopes are stored, keyed by route id, path parameters, query string, bound body and session.
 * Anonymous routes (15, 55) and POST reads (13) are never cached.
 *
 * Route 64 (opening an announcement marks it read) is cached per caller, as `Query.announcement` is: an entry
 * exists only once that caller has opened it through the backend (which marked it read and invalidated their
 * unread check and lists), and a repeated opening by the same caller changes nothing on the backend (views count
 * distinct readers). A caller who has not read it yet has no entry and always reaches the backend.
 */

type Args = Record<string, unknown>;

interface RestCacheRule {
  /** The root Query field whose policy (scope, TTL) and read tags apply. */
  field: string;
  /** The field's GraphQL arguments, for its read tags. */
  args?(c: RestContext): Args;
  /** The `Type` and `Type:id` tags a GraphQL result of the same data would carry, and route-specific extras. */
  entities?(c: RestContext, envelope: Envelope): string[];
}

const path = (c: RestContext, name: string): string => c.params[name] ?? '';
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const rows = (envelope: Envelope, field: string, id: string): string[] =>
  Array.isArray(envelope[field])
    ? (envelope[field] as Array<Record<string, unknown>>).map((row) => String(row?.[id] ?? ''))
    : [];
const account = (typename: string, id: string) => [typename, tags.entity(typename, id)];
const outingTags = (id: string) => ['Outing', 'OutingCard', ...tags.outing(id)];
/** The announcement lists show `views` (raised by any first reading) and, per reader, `is_checked`. */
const listExtras = () => [tags.announcementViews];
const upper = (value: string) => value.toUpperCase();

/** Cacheable GET routes → the GraphQL read they correspond to. */
export const REST_CACHE_RULES: Readonly<Record<number, RestCacheRule>> = {
  11: {
    field: 'student',
    args: (c) => ({ id: path(c, 'student_uuid') }),
    entities: (c) => account('Student', path(c, 'student_uuid')),
  },
  12: { field: 'students', entities: () => ['Student'] },
  // `student(id) { parent }`: createParent and signUpWithAuthCode link parents by the `Student` type tag.
  14: {
    field: 'student',
    args: (c) => ({ id: path(c, 'student_uuid') }),
    entities: (c, e) => [
      ...account('Student', path(c, 'student_uuid')),
      ...account('Parent', String(e.parent_uuid ?? '')),
    ],
  },
  21: {
    field: 'teacher',
    args: (c) => ({ id: path(c, 'teacher_uuid') }),
    entities: (c) => account('Teacher', path(c, 'teacher_uuid')),
  },
  22: { field: 'teachers', entities: () => ['Teacher'] },
  26: {
    field: 'parent',
    args: (c) => ({ id: path(c, 'parent_uuid') }),
    entities: (c) => account('Parent', path(c, 'parent_uuid')),
  },
  27: { field: 'parents', entities: () => ['Parent'] },
  // `parent(id) { children }`: a new student linked to the parent drops `Parent:<id>` (or the `Parent` type).
  28: {
    field: 'parent',
    args: (c) => ({ id: path(c, 'parent_uuid') }),
    entities: (c, e) => [
      ...account('Parent', path(c, 'parent_uuid')),
      'Student',
      ...rows(e, 'children', 'student_uuid').map((id) => tags.entity('Student', id)),
    ],
  },
  30: { field: 'clubs', entities: (_c, e) => ['Club', ...rows(e, 'clubs', 'club_uuid').map(clubTag)] },
  31: {
    field: 'recruitments',
    entities: (_c, e) => ['Recruitment', ...rows(e, 'recruitments', 'recruitment_uuid').map(recruitmentTag)],
  },
  32: { field: 'clubsByIds', args: (c) => ({ ids: list(c.body.club_uuids) }), entities: () => ['Club'] },
  33: { field: 'club', args: (c) => ({ id: path(c, 'club_uuid') }), entities: () => ['Club'] },
  34: {
    field: 'recruitment',
    args: (c) => ({ id: path(c, 'recruitment_uuid') }),
    entities: (_c, e) => ['Recruitment', tags.recruitments, clubTag(String(e.club_uuid ?? ''))],
  },
  // `club(id) { currentRecruitment { id } }`.
  35: {
    field: 'club',
    args: (c) => ({ id: path(c, 'club_uuid') }),
    entities: () => ['Club', 'Recruitment', tags.recruitments],
  },
  // `clubsByIds(ids) { currentRecruitment { id } }`.
  36: {
    field: 'clubsByIds',
    args: (c) => ({ ids: list(c.body.club_uuids) }),
    entities: () => ['Club', 'Recruitment', tags.recruitments],
  },
  37: { field: 'clubFields' },
  38: { field: 'clubCount' },
  39: { field: 'currentRecruitmentCount' },
  40: { field: 'clubOfLeader', entities: () => ['Club'] },
  // The path's student, not the caller, owns the list (a parent or teacher may read it): createOuting drops
  // `outings:student:<creator>`.
  50: {
    field: 'myOutings',
    entities: (c, e) => [
      tags.outingsOf(path(c, 'student_uuid')),
      'Outing',
      ...rows(e, 'outings', 'outing_uuid').flatMap((id) => tags.outing(id)),
    ],
  },
  51: {
    field: 'outing',
    args: (c) => ({ id: path(c, 'outing_uuid') }),
    entities: (c) => outingTags(path(c, 'outing_uuid')),
  },
  52: {
    field: 'outingCard',
    args: (c) => ({ id: path(c, 'outing_uuid') }),
    entities: (c) => outingTags(path(c, 'outing_uuid')),
  },
  54: { field: 'outings', entities: (_c, e) => ['Outing', ...rows(e, 'outings', 'outing_uuid').flatMap(tags.outing)] },
  58: { field: 'calendar', entities: () => ['CalendarEvent'] },
  59: { field: 'timetable' },
  63: { field: 'announcements', args: (c) => ({ type: upper(path(c, 'type')) }), entities: listExtras },
  64: { field: 'announcement', args: (c) => ({ id: path(c, 'announcement_uuid') }) },
  // QUIRK (route 67): the path's student is checked, not the caller: that student's readings drop it too.
  67: { field: 'unreadAnnouncements', entities: (c) => [tags.unreadCheckOf(path(c, 'student_uuid'))] },
  68: { field: 'searchAnnouncements', args: (c) => ({ type: upper(path(c, 'type')) }), entities: listExtras },
  69: { field: 'announcementsByWriter', args: (c) => ({ writerId: path(c, 'writer_uuid') }), entities: listExtras },
};

function clubTag(id: string): string {
  return tags.entity('Club', id);
}
function recruitmentTag(id: string): string {
  return tags.entity('Recruitment', id);
}

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
      const rule = REST_CACHE_RULES[route.id];
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
          await cache.settled(key);
          const lookup = await cache.store.get(key);
          cache.recordLookup('rest', lookup.hit ? 'hit' : 'miss');
          if (lookup.hit) {
            send(res, lookup.body, HIT_HEADERS);
            return undefined;
          }
          let envelope: Envelope;
          try {
            envelope = await handle();
          } catch (error) {
            if (!isOutage(error)) throw error;
            const stale = await cache.store.getStale(key);
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
            const body = JSON.stringify(envelope);
            // Not awaited: the response leaves at once; a lookup of this key on this replica waits for the write.
            void cache.write(key, () => cache.store.set(key, body, entryTags, ttlMs, lookup.readAt));
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
  return createHash('sha256')
    .update(`rest|${routeId}|`)
    .update(stableStringify(context.params))
    .update(`|${queryAt < 0 ? '' : url.slice(queryAt + 1)}|`)
    .update(stableStringify(context.body))
    .update(`|${session}`)
    .digest('base64url');
}

function send(res: ServerResponse, body: CachedBody, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The service has no instance or every breaker is open: the cases where an old answer beats none. */
function isOutage(error: unknown): boolean {
  return (
    isGatewayError(error) &&
    error.code === ErrorCode.SERVICE_UNAVAILABLE &&
    (error.details.reason === UnavailableReason.NO_INSTANCE || error.details.reason === UnavailableReason.CIRCUIT_OPEN)
  );
}
