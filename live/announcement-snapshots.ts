import type { ServiceClients } from '../grpc-clients/service-clients';
import { announcementTargets } from '../resolvers/announcement/announcement-input';
import { legacyTypeOf } from '../resolvers/announcement/announcement-type';
import { decodeTargets } from '../resolvers/announcement/target-digits';
import type { AnnouncementType, InputMaybe } from '../resolvers/generated/resolvers-types';
import type { AnnouncementSnapshot } from './live-events';

/** A new announcement is at the top of its list; a burst of others may have pushed it down a little. */
const LIST_PAGE = 20;
const LIST_PAGES = 3;

export interface AnnouncementWritten {
  id: string;
  type: AnnouncementType;
  writerId: string;
  targetGrades?: InputMaybe<readonly number[]>;
  targetClasses?: InputMaybe<readonly number[]>;
}

/**
 * A new announcement as its writer's `announcements(type:)` list shows it (a writer sees every announcement of the
 * type: teachers, admins and parents see all, and a student writes only CLUB ones, which every student sees), with
 * the targets as the service stored them. Undefined when it is not on the first pages.
 */
export async function announcementSnapshot(
  clients: ServiceClients,
  written: AnnouncementWritten,
): Promise<AnnouncementSnapshot | undefined> {
  const { targetGrade, targetGroup } = announcementTargets(written);
  for (let page = 0; page < LIST_PAGES; page += 1) {
    const reply = await clients.announcement.announcement.getAnnouncements({
      type: legacyTypeOf(written.type),
      start: page,
      count: LIST_PAGE,
    });
    const row = reply.announcement.find((candidate) => candidate.announcementId === written.id);
    if (row) {
      return {
        id: row.announcementId,
        number: row.number,
        type: written.type,
        title: row.title,
        writerName: row.writerName,
        date: row.date,
        views: row.views,
        writerId: written.writerId,
        readByWriter: row.isChecked === 1,
        targetGrades: decodeTargets(targetGrade),
        targetClasses: decodeTargets(targetGroup),
      };
    }
    if (reply.announcement.length < LIST_PAGE) return undefined;
  }
  return undefined;
}
