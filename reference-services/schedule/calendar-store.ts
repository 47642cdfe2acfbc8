import { mintId } from '../shared/ids';
import { coversMonth } from './calendar-dates';

/** A calendar event as the legacy table kept it: dates only (`YYYY-MM-DD`, server-local). */
export interface CalendarEvent {
  uuid: string;
  /** Who created it (the legacy `teacherUuid` column); never read back. */
  writerUuid: string;
  startDate: string;
  endDate: string;
  detail: string;
}

export interface CalendarStore {
  create(event: Omit<CalendarEvent, 'uuid'>, uuid?: string): CalendarEvent;
  get(uuid: string): CalendarEvent | undefined;
  update(uuid: string, change: Pick<CalendarEvent, 'startDate' | 'endDate' | 'detail'>): CalendarEvent | undefined;
  delete(uuid: string): CalendarEvent | undefined;
  /** Events whose start-month … end-month range covers `YYYY-MM`. */
  coveringMonth(month: string): CalendarEvent[];
}

export function createCalendarStore(): CalendarStore {
  const events = new Map<string, CalendarEvent>();
  return {
    create(event, uuid) {
      const stored = { ...event, uuid: uuid ?? mintId('schedule', (id) => events.has(id)) };
      events.set(stored.uuid, stored);
      return stored;
    },
    get: (uuid) => events.get(uuid),
    update(uuid, change) {
      const current = events.get(uuid);
      if (!current) return undefined;
      const updated = { ...current, ...change };
      events.set(uuid, updated);
      return updated;
    },
    delete(uuid) {
      const current = events.get(uuid);
      events.delete(uuid);
      return current;
    },
    coveringMonth(month) {
      // The legacy query had no ORDER BY; InnoDB scans the table in primary-key (uuid) order.
      return [...events.values()]
        .filter((event) => coversMonth(event.startDate, event.endDate, month))
        .sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
    },
  };
}
