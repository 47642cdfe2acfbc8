import type { TimetableSource } from '../../../../reference-services/adapters/timetable-source';
import {
  createTimetableStore,
  timetableRowKey,
  timetableWindow,
  toTimeTable,
} from '../../../../reference-services/schedule/timetable-store';

describe('timetable store (legacy-api.md §4.2)', () => {
  it.each([
    ['2026-11-25T01:00:00Z', '2026-11-01', '2026-12-31'],
    ['2026-12-31T23:59:59Z', '2026-12-01', '2027-01-31'],
    ['2027-01-15T00:00:00Z', '2027-01-01', '2027-02-28'],
    ['2028-01-01T00:00:00Z', '2028-01-01', '2028-02-29'],
  ])('at %s fetches this month and next: %s … %s', (now, from, to) => {
    expect(timetableWindow(Date.parse(now))).toEqual({ from, to });
  });

  it('keys rows as yyyymmdd + grade + class (10 characters)', () => {
    expect(timetableRowKey('2026-11-25', 2, 1)).toBe('2026112521');
  });

  it('fills missing periods with empty strings', () => {
    expect(toTimeTable(['국어', '수학'])).toEqual({
      time1: '국어',
      time2: '수학',
      time3: '',
      time4: '',
      time5: '',
      time6: '',
      time7: '',
    });
  });

  it('fetches every grade 1–3 × class 1–4 once and stores a row for every day of the window', async () => {
    const calls: string[] = [];
    const source: TimetableSource = {
      async fetch(grade, group, from, to) {
        calls.push(`${grade}-${group} ${from}..${to}`);
        return new Map([['2026-12-01', [`${grade}학년 ${group}반`]]]);
      },
    };
    const store = createTimetableStore();
    await store.load(source, Date.parse('2026-11-25T01:00:00Z'));
    expect(calls).toHaveLength(12);
    expect(new Set(calls).size).toBe(12);
    expect(calls).toContain('3-4 2026-11-01..2026-12-31');
    expect(store.find(2, 1, '2026-12-01')?.time1).toBe('2학년 1반');
    expect(store.find(2, 1, '2026-11-01')).toEqual(toTimeTable([]));
    expect(store.find(2, 1, '2026-12-31')).toEqual(toTimeTable([]));
    expect(store.find(2, 1, '2026-10-31')).toBeUndefined();
    expect(store.find(2, 1, '2027-01-01')).toBeUndefined();
    expect(store.find(0, 0, '2026-12-01')).toBeUndefined();
    expect(store.find(4, 1, '2026-12-01')).toBeUndefined();
  });
});
