import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementPageOf } from './announcement-page';
import { legacyTypeOf } from './announcement-type';
import { pageArgs } from './page-args';

export const searchAnnouncements: QueryResolvers['searchAnnouncements'] = async (
  _parent,
  { type, query, page, size },
  context,
) => {
  requireCaller(context);
  const reply = await context.clients.announcement.announcement.searchAnnouncements({
    type: legacyTypeOf(type),
    query,
    ...pageArgs(page, size),
  });
  return announcementPageOf(reply, { type, readFlagIsCallers: true });
};
