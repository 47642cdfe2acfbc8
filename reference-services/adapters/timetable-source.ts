/**
 * NEIS open API `hisTimetable` (office G10, school 7430310), which the legacy schedule service read once at
 * start-up for grades 1–3 × classes 1–4, this month and next (legacy-api.md §4.2).
 */
export interface TimetableSource {
  /** Subjects per period (index 0 = period 1, up to 7) for each `YYYY-MM-DD` in [from, to] that has classes. */
  fetch(grade: number, group: number, fromDate: string, toDate: string): Promise<Map<string, string[]>>;
}

const SUBJECTS = ['국어', '수학', '영어', '과학', '사회', '체육', '음악', '미술', '정보', '한국사', '기술가정'];

/**
 * In-memory twin with deterministic seeded data: weekdays have 6 or 7 periods (7 on Mondays and Wednesdays),
 * weekends have none. The same (grade, class, date) always gives the same subjects.
 */
export function createSeededTimetableSource(): TimetableSource {
  return {
    async fetch(grade, group, fromDate, toDate) {
      const days = new Map<string, string[]>();
      for (let t = Date.parse(`${fromDate}T00:00:00Z`); t <= Date.parse(`${toDate}T00:00:00Z`); t += 86_400_000) {
        const day = new Date(t);
        const weekday = day.getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        const periods = weekday === 1 || weekday === 3 ? 7 : 6;
        const seed = day.getUTCDate() * 7 + grade * 3 + group;
        days.set(
          day.toISOString().slice(0, 10),
          Array.from({ length: periods }, (_, i) => SUBJECTS[(seed + i * 5) % SUBJECTS.length] as string),
        );
      }
      return days;
    },
  };
}
