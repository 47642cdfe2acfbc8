import { tags, type TagSpec } from '../cache/invalidation-rules';
import type { Envelope } from './envelope';
import type { RestContext } from './rest-route';
import type { QueryField } from './route-graphql';

type Args = Record<string, unknown>;

/**
 * How a legacy GET route reads through the GraphQL response cache (`rest-response-cache.ts`): the root Query field
 * that does its job gives the scope and TTL (`QUERY_POLICY`) and the read tags (`readTagsOf`).
 */
export interface RestCacheRule {
  /** The root Query field whose policy (scope, TTL) and read tags apply. */
  field: QueryField;
  /** The field's GraphQL arguments, for its read tags. */
  args?(c: RestContext): Args;
  /**
   * The `Type` and `Type:id` tags a GraphQL result of the same data would carry (an envelope has no typenames),
   * and route-specific extras: without them a write that names only an entity (a teacher approving outing X)
   * would miss the REST list that shows it.
   */
  entities?(c: RestContext, envelope: Envelope): TagSpec[];
}

/** A list from the bound body (`club_uuids`), as strings. */
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The `id` of each row of an envelope's list (`clubs[].club_uuid`). */
export const rowIds = (envelope: Envelope, field: string, id: string): string[] =>
  Array.isArray(envelope[field])
    ? (envelope[field] as Array<Record<string, unknown>>).map((row) => String(row?.[id] ?? ''))
    : [];

/** An account's type tag and entity tag. */
export const accountTags = (typename: string, id: string): TagSpec[] => [typename, ['entity', typename, id]];

export const outingTags = (id: string): TagSpec[] => ['Outing', 'OutingCard', ['outing', id]];

/** The announcement lists show `views` (raised by any first reading) and, per reader, `is_checked`. */
export const announcementListTags = (): TagSpec[] => [tags.announcementViews];

export const clubTag = (id: string): TagSpec => ['entity', 'Club', id];
export const recruitmentTag = (id: string): TagSpec => ['entity', 'Recruitment', id];
