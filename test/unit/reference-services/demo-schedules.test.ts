import { demoSchedules } from '../../../reference-services/demo-data';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The README asks for the calendar of this month in KST; the demo events must be in that month. */
describe('demo calendar events', () => {
  it('sit in the current month of KST, also in the hours when UTC is still in the month before', () => {
    // 2026-11-30T20:00Z is 2026-12-01 05:00 in Korea.
    const events = demoSchedules(Date.parse('2026-11-30T20:00:00Z'));
    expect(events.map((e) => [day(e.startDate), day(e.endDate)])).toEqual([
      ['2026-12-05', '2026-12-07'],
      ['2026-12-15', '2026-12-15'],
    ]);
  });

  it('sit in the same month when UTC and KST agree', () => {
    const events = demoSchedules(Date.parse('2026-11-25T01:00:00Z'));
    expect(events.map((e) => day(e.startDate))).toEqual(['2026-11-05', '2026-11-15']);
  });
});
