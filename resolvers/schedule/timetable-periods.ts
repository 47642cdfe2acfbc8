import type { TimeTable } from '../../grpc-clients/generated/schedule/schedule';

/**
 * `time1`…`time7` as a list. The service pads missing periods with empty strings; trailing ones are dropped so
 * the list's length is the day's number of periods (0 on a day without lessons), inner ones stay as gaps.
 */
export function periodsOf(day: TimeTable): string[] {
  const periods = [day.time1, day.time2, day.time3, day.time4, day.time5, day.time6, day.time7];
  while (periods.length > 0 && periods[periods.length - 1] === '') periods.pop();
  return periods;
}
