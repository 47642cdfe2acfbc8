import { AnnouncementError } from '../../../../reference-services/announcement/errors';
import {
  EVERYONE,
  byDateDesc,
  decodeTarget,
  encodeTarget,
  isVisibleTo,
  pageOf,
  parseContent,
  targetsClass,
} from '../../../../reference-services/announcement/rules';
import type { AnnouncementRecord } from '../../../../reference-services/announcement/store';
import { createAnnouncementStore } from '../../../../reference-services/announcement/store';

const record = (fields: Partial<AnnouncementRecord>): AnnouncementRecord => ({
  number: 1,
  uuid: 'announcement-000000000001',
  writerUuid: 'teacher-000000000001',
  date: 0,
  title: 't',
  targetGrade: '123',
  targetGroup: '1234',
  type: 'school',
  clubUuid: '',
  clubName: '',
  content: {},
  readAccounts: new Set(),
  ...fields,
});

describe('digit-set targeting (legacy-api.md §4.5)', () => {
  it.each([
    ['13', '1234', 1, 2, true],
    ['13', '1234', 3, 4, true],
    ['13', '1234', 2, 1, false],
    ['2', '1', 2, 1, true],
    ['2', '1', 2, 3, false],
    ['0', '0', 0, 0, true],
    ['123', '1234', 0, 0, false],
  ])('grade %s / group %s targets %i-%i: %s', (targetGrade, targetGroup, grade, group, expected) => {
    expect(targetsClass(record({ targetGrade, targetGroup }), { grade, group })).toBe(expected);
  });

  it('shows students only targeted school announcements, club announcements to all', () => {
    const student = { kind: 'class' as const, grade: 2, group: 1 };
    expect(isVisibleTo(record({ targetGrade: '1' }), student)).toBe(false);
    expect(isVisibleTo(record({ targetGrade: '1' }), EVERYONE)).toBe(true);
    expect(isVisibleTo(record({ targetGrade: '1', type: 'club' }), student)).toBe(true);
  });

  it('stores the int32 as a string and reads it back', () => {
    expect(encodeTarget(123)).toBe('123');
    expect(decodeTarget('1234')).toBe(1234);
    expect(decodeTarget('')).toBe(0);
  });
});

describe('page-index paging (Spring PageRequest.of)', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  it.each([
    [0, 3, [0, 1, 2]],
    [1, 3, [3, 4, 5]],
    [2, 3, [6]],
    [3, 3, []],
  ])('page %i of size %i', (start, count, expected) => {
    expect(pageOf(items, start, count)).toEqual(expected);
  });

  it.each([
    [-1, 3],
    [0, 0],
  ])('rejects start %i / count %i with a 500 like Spring did', (start, count) => {
    expect(() => pageOf(items, start, count)).toThrow(AnnouncementError);
    expect(() => pageOf(items, start, count)).toThrow(expect.objectContaining({ status: 500 }) as Error);
  });
});

describe('content must be a JSON object (MongoDB document)', () => {
  it('parses an object', () => {
    expect(parseContent('{"text":"안녕","n":1}')).toEqual({ text: '안녕', n: 1 });
  });

  it.each(['', 'plain text', '[1,2]', '"text"', 'null', '12'])('refuses %p with a 500', (text) => {
    expect(() => parseContent(text)).toThrow(expect.objectContaining({ status: 500 }) as Error);
  });
});

describe('store', () => {
  it('numbers announcements in insertion order and mints 25-character ids', () => {
    const store = createAnnouncementStore();
    const base = { ...record({}), uuid: undefined };
    const first = store.insert(base);
    const second = store.insert(base);
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.uuid).toMatch(/^announcement-\d{12}$/);
    expect(first.uuid).toHaveLength(25);
    expect(store.remove(first.uuid)).toBe(true);
    expect(store.all().map((r) => r.number)).toEqual([2]);
    expect(store.insert(base).number).toBe(3);
  });

  it('orders newest first, number breaking ties', () => {
    const rows = [record({ date: 1, number: 1 }), record({ date: 2, number: 2 }), record({ date: 2, number: 3 })];
    expect([...rows].sort(byDateDesc).map((r) => r.number)).toEqual([3, 2, 1]);
  });
});
