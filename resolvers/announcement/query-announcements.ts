import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementPageOf } from './announcement-page';
import { legacyTypeOf } from './announcement-type';
import { pageArgs } from './page-args';

export const announcements: QueryResolvers['announcements'] = async (_parent, { type, page, size }, context) => {
  const caller = requireCaller(context);
  const paging = pageArgs(page, size);
  const reply = await context.clients.announcement.announcement.getAnnouncements({
    type: legacyTypeOf(type),
    ...paging,
  });
  return announcementPageOf(
    reply,
    { type, readFlagIsCallers: true },
    { callerId: caller.uuid, list: 'announcements', of: type, paging },
  );
};
