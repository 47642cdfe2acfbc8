import type { LiveTopic } from './live-events';

/** The subscription fields, each fed by one topic. */
export const LIVE_FIELDS = {
  myOutingUpdated: 'outing',
  outingRequested: 'outing',
  announcementPublished: 'announcement',
} as const satisfies Record<string, LiveTopic>;

export type LiveField = keyof typeof LIVE_FIELDS;

export function isLiveField(name: string): name is LiveField {
  return Object.hasOwn(LIVE_FIELDS, name);
}
