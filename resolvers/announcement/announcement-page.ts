import type { GetAnnouncementsResponse } from '../../grpc-clients/generated/announcement/announcement';
import type { AnnouncementType } from '../generated/resolvers-types';
import type { AnnouncementPreviewModel } from './models';

/** What the list call knows about its rows that the rows do not say. */
export interface RowFacts {
  type: AnnouncementType;
  /** The writer of every row, when the list is one writer's. */
  writerId?: string;
  /** Whether `is_checked` is the caller's own; GetMyAnnouncements reports the writer's. */
  readFlagIsCallers: boolean;
}

/** Which page of which list, for whom; the parts of `AnnouncementPage.id`. */
export interface PageIdentity {
  callerId: string;
  list: 'announcements' | 'search' | 'writer';
  /** The type of an `announcements` or `search` list, the writer's id of a `writer` list. */
  of: string;
  paging: { start: number; count: number };
  /** The text of a search; last, as it may contain the separator. */
  query?: string;
}

export function announcementPageId({ callerId, list, of, paging, query }: PageIdentity): string {
  return [callerId, list, of, paging.start, paging.count, ...(query === undefined ? [] : [query])].join(':');
}

/**
 * A list reply as a page: the rows in the service's order (newest first), its `size` as the total, and a stable id
 * so a client cache can keep the page as an object of its own.
 */
export function announcementPageOf(reply: GetAnnouncementsResponse, facts: RowFacts, page: PageIdentity) {
  const items = reply.announcement.map((row): AnnouncementPreviewModel => ({
    id: row.announcementId,
    number: row.number,
    type: facts.type,
    title: row.title,
    writerName: row.writerName,
    ...(facts.writerId === undefined ? {} : { writerId: facts.writerId }),
    date: row.date,
    views: row.views,
    isRead: facts.readFlagIsCallers ? row.isChecked === 1 : null,
  }));
  return { id: announcementPageId(page), items, total: reply.size };
}
