import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementPageOf } from './announcement-page';
import { pageArgs } from './page-args';

export const announcementsByWriter: QueryResolvers['announcementsByWriter'] = async (
  _parent,
  { writerId, page, size },
  context,
) => {
  const caller = requireCaller(context);
  // The RPC acts as the writer (legacy route 69 sent the path uuid, legacy-api.md §6.5), so its read flags are
  // the writer's and only mean "read by the caller" when the caller is the writer.
  const paging = pageArgs(page, size);
  const reply = await context.clients.announcement.announcement.getMyAnnouncements({ uuid: writerId, ...paging });
  return announcementPageOf(
    reply,
    { type: 'SCHOOL', writerId, readFlagIsCallers: writerId === caller.uuid },
    { callerId: caller.uuid, list: 'writer', of: writerId, paging },
  );
};
