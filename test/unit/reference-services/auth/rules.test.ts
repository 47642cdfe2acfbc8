import { isEmptyFilter, matchesFilter } from '../../../../reference-services/auth/filters';
import { hangulName, loginId, optional, phoneNumber, uuidOf } from '../../../../reference-services/auth/model-rules';
import { reportParentStatus } from '../../../../reference-services/auth/parent-links';
import type { ParentStatus, StudentAccount } from '../../../../reference-services/auth/store';

describe('auth inform filters', () => {
  const row = { grade: 2, group: 1, studentNumber: 11, name: '홍길동', phoneNumber: '01012345678' };

  it.each([
    [{ grade: 2 }, true],
    [{ grade: 3 }, false],
    [{ studentNumber: 1 }, false],
    [{ name: '길' }, true],
    [{ name: '길순' }, false],
    [{ phoneNumber: '1234' }, true],
    [{ grade: 0, name: '' }, true],
    [{ grade: 2, name: '홍', phoneNumber: '999' }, false],
  ])('matchesFilter(%p) is %p', (filter, expected) => {
    expect(matchesFilter(filter, row)).toBe(expected);
  });

  it('treats 0 and "" as empty', () => {
    expect(isEmptyFilter({ grade: 0, name: '' })).toBe(true);
    expect(isEmptyFilter({ grade: 0, name: 'a' })).toBe(false);
  });
});

describe('auth model rules', () => {
  it.each([
    ['홍길동', undefined],
    ['홍', 'name must be 2~4 Hangul'],
    ['Hong', 'name must be 2~4 Hangul'],
    ['홍길동홍길', 'name must be 2~4 Hangul'],
  ])('hangulName(%p)', (value, expected) => {
    expect(hangulName(value)).toBe(expected);
  });

  it('checks ids, phones and uuids', () => {
    expect(loginId('id')('abcd')).toBeUndefined();
    expect(loginId('id')('abc')).toBeDefined();
    expect(loginId('id')('한글아이디')).toBeDefined();
    expect(phoneNumber('01012345678')).toBeUndefined();
    expect(phoneNumber('0101234567')).toBeDefined();
    expect(optional(phoneNumber)('')).toBeUndefined();
    expect(uuidOf('student')('student-000000000001')).toBeUndefined();
    expect(uuidOf('student')('student-0000000000011')).toBeDefined();
  });
});

describe('parent_status reporting', () => {
  const student = (parentStatus: ParentStatus) => ({ parentStatus }) as StudentAccount;

  it.each([
    ['OK_CONN_NO_NOTIFY', 'CONNECTED', 'OK_CONN_OK_NOTIFY'],
    ['NO_CONN_NO_NOTIFY', 'UN_CONNECTED', 'NO_CONN_OK_NOTIFY'],
    ['OK_CONN_OK_NOTIFY', '', 'OK_CONN_OK_NOTIFY'],
    ['NO_CONN_OK_NOTIFY', '', 'NO_CONN_OK_NOTIFY'],
  ] as const)('%s reads as %p and becomes %s', (before, reported, after) => {
    const account = student(before);
    expect(reportParentStatus(account)).toBe(reported);
    expect(account.parentStatus).toBe(after);
  });
});
