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

/** A list reply as a page: the rows in the service's order (newest first) and its `size` as the total. */
export function announcementPageOf(reply: GetAnnouncementsResponse, facts: RowFacts) {
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
  return { items, total: reply.size };
}
