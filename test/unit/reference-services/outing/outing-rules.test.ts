import {
  TRANSITIONS,
  classPeriod,
  coveredPeriods,
  createTimeProblem,
  fromKst,
  isLate,
  kstMidnight,
  page,
  toKst,
} from '../../../../reference-services/outing/outing-rules';

const at = (iso: string) => Date.parse(iso) / 1000;
/** A KST wall-clock value for `hh:mm` on 2026-11-25. */
const kstClock = (hhmm: string) => at(`2026-11-25T${hhmm}:00Z`);

describe('outing rules', () => {
  it('stores KST wall-clock (+32 400 s) and converts back exactly', () => {
    const unix = at('2026-11-25T01:00:00Z');
    expect(toKst(unix) - unix).toBe(32_400);
    expect(fromKst(toKst(unix))).toBe(unix);
    expect(kstMidnight(toKst(at('2026-11-24T15:00:00Z')))).toBe(at('2026-11-25T00:00:00Z'));
    expect(kstMidnight(toKst(at('2026-11-24T14:59:59Z')))).toBe(at('2026-11-24T00:00:00Z'));
  });

  it.each([
    // now, start, end, problem
    ['2026-11-25T01:00:00Z', '2026-11-25T02:00:00Z', '2026-11-25T03:00:00Z', undefined],
    ['2026-11-25T01:00:00Z', '2026-11-25T02:00:00Z', '2026-11-25T15:00:00Z', undefined],
    ['2026-11-25T01:00:00Z', '2026-11-25T02:00:00Z', '2026-11-25T15:00:01Z', 'day after'],
    ['2026-11-25T01:00:00Z', '2026-11-25T00:59:59Z', '2026-11-25T03:00:00Z', 'earlier than the current'],
    ['2026-11-24T14:59:00Z', '2026-11-24T15:00:00Z', '2026-11-24T16:00:00Z', 'should be today'],
    ['2026-11-25T01:00:00Z', '2026-11-25T03:00:00Z', '2026-11-25T03:00:00Z', 'cannot be bigger'],
    // End rule is checked first: an end two days out reports the end rule even for a past start.
    ['2026-11-25T01:00:00Z', '2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z', 'day after'],
  ])('now %s start %s end %s → %s', (now, start, end, problem) => {
    const result = createTimeProblem(at(start), at(end), at(now));
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });

  it.each([
    ['17:59', 8],
    ['18:40', 8],
    ['18:41', 9],
    ['19:40', 9],
    ['19:41', 10],
    ['20:00', 10],
    ['23:59', 10],
  ])('class period at %s KST is %i', (hhmm, period) => {
    expect(classPeriod(kstClock(hhmm))).toBe(period);
  });

  it('covers the periods between now and the end, at least one', () => {
    expect(coveredPeriods(kstClock('18:30'), kstClock('20:10'))).toEqual([8, 9, 10]);
    expect(coveredPeriods(kstClock('19:00'), kstClock('19:30'))).toEqual([9]);
    expect(coveredPeriods(kstClock('20:30'), kstClock('18:00'))).toEqual([10]);
  });

  it('is late only from status 4 on and only after end_time', () => {
    expect(isLate('4', 101, 100)).toBe(true);
    expect(isLate('5', 101, 100)).toBe(true);
    expect(isLate('4', 100, 100)).toBe(false);
    expect(isLate('3', 101, 100)).toBe(false);
    expect(isLate('-2', 101, 100)).toBe(false);
  });

  it('pages by offset; count 0 means the rest', () => {
    const items = [1, 2, 3, 4, 5];
    expect(page(items, 1, 2)).toEqual([2, 3]);
    expect(page(items, 3, 0)).toEqual([4, 5]);
    expect(page(items, 9, 2)).toEqual([]);
  });

  it('has a transition row for every action, with certify open from every status (QUIRK)', () => {
    for (const status of ['0', '1', '-1', '2', '-2', '3', '4', '5'] as const) {
      expect(TRANSITIONS.certify.conflict(status)).toBeUndefined();
    }
    expect(TRANSITIONS.approve.conflict('-2')).toBe(-1000);
    expect(TRANSITIONS.reject.conflict('-2')).toBe(-2106);
    expect(TRANSITIONS['parent-reject'].conflict('1')).toBe(-2103);
  });
});
