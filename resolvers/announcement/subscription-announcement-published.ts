import type { AnnouncementEvent } from '../../live/live-events';
import type { GraphQLContext } from '../../src/context';
import { liveStreamsOf } from '../base/live-streams';
import type { SubscriptionResolvers } from '../generated/resolvers-types';
import type { AnnouncementPreviewModel } from './models';

/**
 * Which announcements reach whom is the hub's decision (live/event-audience.ts). Each arrives as its list row:
 * `isRead` is the writer's own flag for the writer, and false for everyone else, who cannot have opened an
 * announcement that has only just appeared; `writer` is null, as in the other lists.
 */
export const announcementPublished: SubscriptionResolvers['announcementPublished'] = {
  subscribe: (_parent, args, context) => liveStreamsOf(context).stream('announcementPublished', args),
  resolve: (
    { announcement }: AnnouncementEvent,
    _args: unknown,
    context: GraphQLContext,
  ): AnnouncementPreviewModel => ({
    id: announcement.id,
    number: announcement.number,
    type: announcement.type,
    title: announcement.title,
    writerName: announcement.writerName,
    date: announcement.date,
    views: announcement.views,
    isRead: context.caller?.uuid === announcement.writerId && announcement.readByWriter,
  }),
};
