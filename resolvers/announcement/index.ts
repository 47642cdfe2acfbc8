import type { Resolvers } from '../generated/resolvers-types';
import { writer } from './announcement-preview-writer';
import { createAnnouncement } from './mutation-create-announcement';
import { deleteAnnouncement } from './mutation-delete-announcement';
import { updateAnnouncement } from './mutation-update-announcement';
import { announcement } from './query-announcement';
import { announcements } from './query-announcements';
import { announcementsByWriter } from './query-announcements-by-writer';
import { searchAnnouncements } from './query-search-announcements';
import { unreadAnnouncements } from './query-unread-announcements';
import { announcementPublished } from './subscription-announcement-published';

/** School and club announcements (announcement service, legacy-api.md §1.9, §4.5, §5.6). */
export const announcementResolvers: Resolvers = {
  Query: { announcements, searchAnnouncements, announcement, announcementsByWriter, unreadAnnouncements },
  Mutation: { createAnnouncement, updateAnnouncement, deleteAnnouncement },
  Subscription: { announcementPublished },
  AnnouncementPreview: { writer },
};
