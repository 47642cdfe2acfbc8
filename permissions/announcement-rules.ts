import { allow } from 'graphql-shield';
import type { RuleTypeMap } from './shield-types';
import { FORBIDDEN_CODE, hasRole, isAuthenticated, mayCreateAnnouncement } from './rules';

/**
 * Announcements (legacy routes 62–69): every signed-in account reads; writing is `mayCreateAnnouncement`.
 * Updating (writer or admin) and deleting (writer only) need the writer, which no service read reveals without
 * marking the announcement read, so the edge checks sign-in and the service checks the writer (403 −1000).
 */
export const announcementRules: RuleTypeMap = {
  Query: {
    announcements: isAuthenticated,
    searchAnnouncements: isAuthenticated,
    announcement: isAuthenticated,
    announcementsByWriter: isAuthenticated,
    unreadAnnouncements: hasRole(['student'], FORBIDDEN_CODE.announcement),
  },
  Mutation: {
    createAnnouncement: mayCreateAnnouncement,
    updateAnnouncement: isAuthenticated,
    deleteAnnouncement: isAuthenticated,
  },
  // Who gets which announcement is decided per event and per subscriber (live/event-audience.ts).
  Subscription: { announcementPublished: isAuthenticated },
  AnnouncementPreview: { '*': allow },
  AnnouncementLink: { '*': allow },
  Announcement: { '*': allow },
  AnnouncementPage: { '*': allow },
  UnreadAnnouncements: { '*': allow },
};
