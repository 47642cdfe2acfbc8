import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { announcementOf } from './announcement-detail';

export const announcement: QueryResolvers['announcement'] = async (_parent, { id }, context) => {
  requireCaller(context);
  const reply = await context.clients.announcement.announcement.getAnnouncementDetail({ announcementId: id });
  return announcementOf(id, reply);
};
