import type { GetAnnouncementDetailResponse } from '../../grpc-clients/generated/announcement/announcement';
import type { Announcement, AnnouncementLink } from '../generated/resolvers-types';
import { announcementTypeOf } from './announcement-type';
import { decodeTargets } from './target-digits';

/** The service answers an empty id and title when there is no neighbour. */
function linkOf(id: string, title: string): AnnouncementLink | null {
  return id === '' ? null : { id, title };
}

/** The service re-serialises the stored JSON document; anything but an object is a broken reply. */
function contentOf(text: string): Record<string, unknown> {
  const content: unknown = JSON.parse(text);
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new Error('announcement service sent content that is not a JSON object');
  }
  return content as Record<string, unknown>;
}

/** GetAnnouncementDetail's reply (which does not repeat the id) as an `Announcement`. */
export function announcementOf(id: string, reply: GetAnnouncementDetailResponse): Announcement {
  return {
    id,
    type: announcementTypeOf(reply.announcementType),
    title: reply.title,
    writerName: reply.writerName,
    date: reply.date,
    content: contentOf(reply.content),
    targetGrades: decodeTargets(reply.targetGrade),
    targetClasses: decodeTargets(reply.targetGroup),
    next: linkOf(reply.nextAnnouncementId, reply.nextTitle),
    previous: linkOf(reply.previousAnnouncementId, reply.previousTitle),
  };
}
