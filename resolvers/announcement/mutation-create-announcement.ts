import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementFields } from './announcement-input';
import { legacyTypeOf } from './announcement-type';

export const createAnnouncement: MutationResolvers['createAnnouncement'] = async (_parent, { input }, context) => {
  requireCaller(context);
  const reply = await context.clients.announcement.announcement.createAnnouncement({
    type: legacyTypeOf(input.type),
    ...announcementFields(input),
  });
  return reply.announcementId;
};
