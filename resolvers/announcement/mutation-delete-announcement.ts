import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';

export const deleteAnnouncement: MutationResolvers['deleteAnnouncement'] = async (_parent, { id }, context) => {
  requireCaller(context);
  const reply = await context.clients.announcement.announcement.deleteAnnouncement({ announcementId: id });
  return reply.announcementId;
};
