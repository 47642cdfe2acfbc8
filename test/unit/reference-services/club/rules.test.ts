import {
  clubInformProblem,
  inIntRange,
  isCurrentRecruitment,
  isEndBeforeToday,
  parseEndPeriod,
  recruitMemberValid,
  runeLength,
} from '../../../../reference-services/club/rules';

describe('club rules', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-02-31', '2026-03-03'],
    ['2026-13-01', '2027-01-01'],
    ['2026-12-00', '2026-11-30'],
    ['2026-12-1', undefined],
    ['2026/12/01', undefined],
    ['20261-2-01', undefined],
    ['', undefined],
    ['abcd-ef-gh', undefined],
  ])('parseEndPeriod(%p) = %p', (value, expected) => {
    expect(parseEndPeriod(value)).toBe(expected);
  });

  it.each([
    ['', '2030-01-01T00:00:00Z', true],
    ['2026-11-25', '2026-11-25T23:59:59Z', true],
    ['2026-11-25', '2026-11-26T00:00:00Z', true],
    ['2026-11-25', '2026-11-26T00:00:00.001Z', false],
    ['2026-11-24', '2026-11-25T10:00:00Z', false],
  ])('isCurrentRecruitment(%p) at %s = %p', (endPeriod, now, expected) => {
    expect(isCurrentRecruitment(endPeriod, Date.parse(now))).toBe(expected);
  });

  it('isEndBeforeToday compares dates, not instants', () => {
    const now = Date.parse('2026-11-25T23:00:00Z');
    expect(isEndBeforeToday('2026-11-24', now)).toBe(true);
    expect(isEndBeforeToday('2026-11-25', now)).toBe(false);
  });

  it('inIntRange accepts only integers in range', () => {
    expect(inIntRange('1', 1, 5)).toBe(true);
    expect(inIntRange('5', 1, 5)).toBe(true);
    expect(inIntRange('6', 1, 5)).toBe(false);
    expect(inIntRange('1.5', 1, 5)).toBe(false);
    expect(inIntRange('', 1, 5)).toBe(false);
  });

  it('counts runes like Go', () => {
    expect(runeLength('동아리😀')).toBe(4);
  });

  it('recruitMemberValid checks grade 1–3, field 1–20, number 1–20', () => {
    expect(recruitMemberValid({ Grade: '3', Field: 'f'.repeat(20), Number: '20' })).toBe(true);
    expect(recruitMemberValid({ Grade: '3', Field: 'f'.repeat(21), Number: '20' })).toBe(false);
  });

  it('clubInformProblem names the first failing field', () => {
    const valid = {
      name: 'n',
      clubConcept: '',
      introduction: '',
      field: 'f',
      location: 'l',
      floor: '1',
      link: '',
      logoUri: 'logos/club-000000000001',
    };
    expect(clubInformProblem(valid)).toBeUndefined();
    expect(clubInformProblem({ ...valid, name: '' })).toBe('Name');
    expect(clubInformProblem({ ...valid, floor: '0' })).toBe('Floor');
  });
});
