import { DEMO_CLUBS, demoAnnouncements } from '../demo-data';
import type { AnnouncementStore } from './store';

/**
 * The demo announcements (design.md §2), in date order so `number` follows the dates. Club names come from the
 * shared demo clubs, as the legacy row stored the name taken from club at creation.
 */
export function seedAnnouncements(store: AnnouncementStore, nowMs: number): void {
  const announcements = [...demoAnnouncements(nowMs)].sort((a, b) => a.date - b.date);
  for (const announcement of announcements) {
    const club = DEMO_CLUBS.find((c) => c.uuid === announcement.clubUuid);
    store.insert({
      uuid: announcement.uuid,
      writerUuid: announcement.writerUuid,
      date: announcement.date,
      title: announcement.title,
      targetGrade: String(announcement.targetGrade),
      targetGroup: String(announcement.targetGroup),
      type: announcement.type === 'club' ? 'club' : 'school',
      clubUuid: announcement.clubUuid,
      clubName: club?.name ?? '',
      content: announcement.content,
    });
  }
}
