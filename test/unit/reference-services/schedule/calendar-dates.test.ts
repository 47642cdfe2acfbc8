import {
  addDays,
  calendarDate,
  coversMonth,
  dateOfUnixSeconds,
  midnightMs,
  monthKey,
} from '../../../../reference-services/schedule/calendar-dates';

describe('calendar dates (legacy-api.md §0.7)', () => {
  it.each([
    ['2026-11-10T00:00:00Z', '2026-11-10'],
    ['2026-11-10T23:59:59Z', '2026-11-10'],
    ['2026-11-10T15:00:00Z', '2026-11-10'], // already the 11th in KST: server-local is UTC
    ['1970-01-01T00:00:00Z', '1970-01-01'],
  ])('keeps only the UTC date of unix seconds %s', (iso, date) => {
    expect(dateOfUnixSeconds(Date.parse(iso) / 1000)).toBe(date);
  });

  it('answers milliseconds at 00:00 UTC', () => {
    expect(midnightMs('2026-11-10')).toBe(Date.UTC(2026, 10, 10));
    expect(midnightMs(dateOfUnixSeconds(1_794_355_199))).toBe(1_794_355_199_000 - (1_794_355_199 % 86_400) * 1000);
  });

  it.each([
    [2026, 1, '2026-01'],
    [2026, 12, '2026-12'],
    [999, 3, '0999-03'],
  ])('formats month %i-%i as %s', (year, month, key) => {
    expect(monthKey(year, month)).toBe(key);
  });

  it.each([
    ['2026-10-28', '2026-11-02', '2026-10', true],
    ['2026-10-28', '2026-11-02', '2026-11', true],
    ['2026-10-28', '2026-11-02', '2026-12', false],
    ['2026-10-28', '2026-11-02', '2026-09', false],
    ['2026-12-31', '2027-01-01', '2027-01', true],
    ['2026-11-20', '2026-10-20', '2026-11', false],
  ])('%s…%s covers %s: %s', (start, end, month, covers) => {
    expect(coversMonth(start, end, month)).toBe(covers);
  });

  it.each([
    [2026, 2, 28, '2026-02-28'],
    [2028, 2, 29, '2028-02-29'],
    [2026, 2, 29, undefined],
    [2026, 11, 31, undefined],
    [2026, 13, 1, undefined],
    [2026, 0, 1, undefined],
    [2026, 1, 0, undefined],
    [50, 1, 2, '0050-01-02'],
  ])('calendarDate(%i, %i, %i) = %s', (year, month, day, date) => {
    expect(calendarDate(year, month, day)).toBe(date);
  });

  it('adds days across month and year boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
  });
});
