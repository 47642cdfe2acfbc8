import { addDays, dateOfMidnightMs, noonUtcSecondsOf, partsOf } from '../../../../resolvers/schedule/local-dates';

describe('calendar date conversions', () => {
  it('sends noon UTC, which is the same date in KST, UTC and UTC−10', () => {
    const seconds = noonUtcSecondsOf('2026-12-31');
    for (const offsetHours of [9, 0, -10]) {
      expect(new Date((seconds + offsetHours * 3600) * 1000).toISOString().slice(0, 10)).toBe('2026-12-31');
    }
  });

  it.each([
    ['UTC', 0],
    ['KST', 9],
    ['UTC−5', -5],
  ])('reads a service midnight in %s as its date', (_zone, offsetHours) => {
    const midnightMs = Date.parse('2027-01-01T00:00:00Z') - offsetHours * 3_600_000;
    expect(dateOfMidnightMs(midnightMs)).toBe('2027-01-01');
  });

  it('adds days across months and splits dates for the timetable RPC', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(partsOf('2026-01-09')).toEqual({ year: 2026, month: 1, day: 9 });
  });
});
