import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementPageOf } from './announcement-page';
import { legacyTypeOf } from './announcement-type';
import { pageArgs } from './page-args';

export const announcements: QueryResolvers['announcements'] = async (_parent, { type, page, size }, context) => {
  requireCaller(context);
  const reply = await context.clients.announcement.announcement.getAnnouncements({
    type: legacyTypeOf(type),
    ...pageArgs(page, size),
  });
  return announcementPageOf(reply, { type, readFlagIsCallers: true });
};
