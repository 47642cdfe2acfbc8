import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';

export const unreadAnnouncements: QueryResolvers['unreadAnnouncements'] = async (_parent, _args, context) => {
  const caller = requireCaller(context);
  const reply = await context.clients.announcement.announcement.checkAnnouncement({ uuid: caller.uuid });
  return { id: caller.uuid, school: reply.school === 1, club: reply.club === 1 };
};
