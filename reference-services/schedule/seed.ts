import { DEMO_ACCOUNTS, demoSchedules } from '../demo-data';
import { utcDate } from '../shared/clock';
import type { CalendarStore } from './calendar-store';

/** The demo calendar events (design.md §2), dated in the current month. */
export function seedDemoCalendar(calendar: CalendarStore, nowMs: number): void {
  for (const event of demoSchedules(nowMs)) {
    calendar.create(
      {
        writerUuid: DEMO_ACCOUNTS.teacher1.uuid,
        startDate: utcDate(event.startDate),
        endDate: utcDate(event.endDate),
        detail: event.detail,
      },
      event.uuid,
    );
  }
}
