import type { AnnouncementPreview } from '../generated/resolvers-types';

/**
 * A list row as the resolvers hand it on: the GraphQL fields, with the writer's account id instead of `writer`
 * where the service says who wrote it (only GetMyAnnouncements does; its rows are that writer's).
 */
export type AnnouncementPreviewModel = Omit<AnnouncementPreview, 'writer'> & { writerId?: string };
