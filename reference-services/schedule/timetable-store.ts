import type { TimetableSource } from '../adapters/timetable-source';
import type { TimeTable } from '../../grpc-clients/generated/schedule/schedule';
import { addDays } from './calendar-dates';

export const GRADES = [1, 2, 3] as const;
export const GROUPS = [1, 2, 3, 4] as const;
const PERIODS = 7;

/** The `yyyymmdd` + grade + class row key of the legacy timetable table (legacy-api.md §0.2). */
export function timetableRowKey(date: string, grade: number, group: number): string {
  return `${date.replaceAll('-', '')}${grade}${group}`;
}

/** Subjects per period as the proto message: periods without a subject are empty strings. */
export function toTimeTable(subjects: readonly string[]): TimeTable {
  const times = Array.from({ length: PERIODS }, (_, i) => subjects[i] ?? '');
  const [time1, time2, time3, time4, time5, time6, time7] = times as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { time1, time2, time3, time4, time5, time6, time7 };
}

/** First day of this month and last day of next month (UTC, the services' server-local zone). */
export function timetableWindow(nowMs: number): { from: string; to: string } {
  const now = new Date(nowMs);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const afterNext = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
  return { from: from.toISOString().slice(0, 10), to: addDays(afterNext.toISOString().slice(0, 10), -1) };
}

export interface TimetableStore {
  /** Fetches grades 1–3 × classes 1–4 for this month and next, once (legacy-api.md §4.2). */
  load(source: TimetableSource, nowMs: number): Promise<void>;
  /** The row of a class on a day; undefined outside the fetched months or for an unknown grade/class. */
  find(grade: number, group: number, date: string): TimeTable | undefined;
}

export function createTimetableStore(): TimetableStore {
  const rows = new Map<string, TimeTable>();
  return {
    async load(source, nowMs) {
      const { from, to } = timetableWindow(nowMs);
      for (const grade of GRADES) {
        for (const group of GROUPS) {
          const days = await source.fetch(grade, group, from, to);
          // The legacy job stored a row for every day of both months, so weekends and holidays exist as rows
          // with empty periods; only days outside the window are missing.
          for (let date = from; date <= to; date = addDays(date, 1)) {
            rows.set(timetableRowKey(date, grade, group), toTimeTable(days.get(date) ?? []));
          }
        }
      }
    },
    find(grade, group, date) {
      return rows.get(timetableRowKey(date, grade, group));
    },
  };
}
