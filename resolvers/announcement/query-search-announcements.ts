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
  const caller = requireCaller(context);
  const paging = pageArgs(page, size);
  const reply = await context.clients.announcement.announcement.searchAnnouncements({
    type: legacyTypeOf(type),
    query,
    ...paging,
  });
  return announcementPageOf(
    reply,
    { type, readFlagIsCallers: true },
    { callerId: caller.uuid, list: 'search', of: type, paging, query },
  );
};
