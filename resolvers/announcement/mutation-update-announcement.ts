import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementFields } from './announcement-input';

export const updateAnnouncement: MutationResolvers['updateAnnouncement'] = async (_parent, { id, input }, context) => {
  requireCaller(context);
  const reply = await context.clients.announcement.announcement.updateAnnouncement({
    announcementId: id,
    ...announcementFields(input),
  });
  return reply.announcementId;
};
