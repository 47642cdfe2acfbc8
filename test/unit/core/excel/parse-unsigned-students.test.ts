import { Workbook } from 'exceljs';
import { BadUserInputError } from '../../../../core/errors';
import { parseUnsignedStudentsWorkbook } from '../../../../core/excel/parse-unsigned-students';
import { UNSIGNED_STUDENT_HEADER as HEADER, buildXlsx, type CellInput } from '../../../helpers/xlsx-workbook';

/** Runs the parser and returns the BadUserInputError it throws (fails the test if it resolves). */
async function rejection(bytes: Buffer, options?: { sheet?: string }): Promise<BadUserInputError> {
  const error = await parseUnsignedStudentsWorkbook(bytes, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  return error as BadUserInputError;
}

const row = (studentNumber: CellInput, name: CellInput, phone: CellInput): CellInput[] => [studentNumber, name, phone];

describe('parseUnsignedStudentsWorkbook (legacy-api.md §4.6)', () => {
  it('reads every row of every sheet into grade, class, number, name and digits-only phone', async () => {
    const bytes = await buildXlsx({
      '1학년': [HEADER, row(1101, '김하나', '"010-1111-2222"'), row('1221', '이둘', '"010.3333.4444"')],
      '3학년': [HEADER, row('3400', '박셋넷다', '"01055556666"'), row('3120', '최넷', '"010_7777_8888"')],
    });
    await expect(parseUnsignedStudentsWorkbook(bytes)).resolves.toEqual({
      sheetsRead: 2,
      students: [
        { grade: 1, group: 1, studentNumber: 1, name: '김하나', phoneNumber: '01011112222' },
        { grade: 1, group: 2, studentNumber: 21, name: '이둘', phoneNumber: '01033334444' },
        { grade: 3, group: 4, studentNumber: 0, name: '박셋넷다', phoneNumber: '01055556666' },
        { grade: 3, group: 1, studentNumber: 20, name: '최넷', phoneNumber: '01077778888' },
      ],
    });
  });

  it.each([
    [['학번', '성명', '전화번호']],
    [['student_number', 'name', 'phone_number']],
    [['학번', '이름', '전화 번호']],
    [['학번', '성명', '전화']],
  ])('accepts the header aliases %j', async (header) => {
    const bytes = await buildXlsx({
      S: [header, row('2101', '홍길동', '"010-0000-0201"'), row('2102', '홍길순', '"010-0000-0202"')],
    });
    const { students } = await parseUnsignedStudentsWorkbook(bytes);
    expect(students.map((s) => s.name)).toEqual(['홍길동', '홍길순']);
  });

  it('finds the columns wherever they are and ignores other columns', async () => {
    const bytes = await buildXlsx({
      S: [
        ['비고', '전화번호', '반', '성명', '학번'],
        ['전학생', '"010-1234-5678"', '1', '정다운', '2315'],
        [null, '"010-8765-4321"', '1', '한결', '2316'],
      ],
    });
    const { students } = await parseUnsignedStudentsWorkbook(bytes);
    expect(students).toEqual([
      { grade: 2, group: 3, studentNumber: 15, name: '정다운', phoneNumber: '01012345678' },
      { grade: 2, group: 3, studentNumber: 16, name: '한결', phoneNumber: '01087654321' },
    ]);
  });

  it('removes spaces inside cells before checking them', async () => {
    const bytes = await buildXlsx({
      S: [HEADER, row(' 21 01 ', '홍 길 동', '" 010 - 1234 - 5678 "'), row('2102', '김철수', '"010-0000-0000"')],
    });
    const { students } = await parseUnsignedStudentsWorkbook(bytes);
    expect(students[0]).toEqual({ grade: 2, group: 1, studentNumber: 1, name: '홍길동', phoneNumber: '01012345678' });
  });

  it('skips rows with a blank student-number, name or phone cell (spaces only count as blank)', async () => {
    const bytes = await buildXlsx({
      S: [
        HEADER,
        row('2101', '홍길동', '"010-1111-1111"'),
        row(null, '빈학번', '"010-2222-2222"'),
        row('2103', '   ', '"010-3333-3333"'),
        row('2104', '빈전화', null),
        [null, null, null],
        row('2105', '끝줄', '"010-5555-5555"'),
      ],
    });
    const { students } = await parseUnsignedStudentsWorkbook(bytes);
    expect(students.map((s) => s.name)).toEqual(['홍길동', '끝줄']);
  });

  it('skips sheets with two rows or fewer, even with a bad header or bad values, and does not count them', async () => {
    const bytes = await buildXlsx({
      Empty: [],
      HeaderOnly: [['아무', '열']],
      OneRow: [HEADER, row('9999', 'x', 'not a phone')],
      Real: [HEADER, row('1101', '김하나', '"010-1111-2222"'), row('1102', '김두리', '"010-1111-3333"')],
    });
    await expect(parseUnsignedStudentsWorkbook(bytes)).resolves.toMatchObject({
      sheetsRead: 1,
      students: [{ name: '김하나' }, { name: '김두리' }],
    });
  });

  it('counts trailing blank rows only up to the last row with text', async () => {
    const bytes = await buildXlsx({
      S: [HEADER, row('1101', '김하나', '"010-1111-2222"'), [null, null, null], [null, null, null]],
    });
    await expect(parseUnsignedStudentsWorkbook(bytes)).resolves.toEqual({ sheetsRead: 0, students: [] });
  });

  describe('with the sheet option (route 8)', () => {
    const sheets = async () =>
      buildXlsx({
        A: [HEADER, row('1101', '김하나', '"010-1111-2222"'), row('1102', '김두리', '"010-1111-3333"')],
        B: [HEADER, row('2201', '박서울', '"010-2222-1111"'), row('2202', '박부산', '"010-2222-3333"')],
        Broken: [['학번'], ['1101'], ['1102']],
      });

    it('reads only that sheet, ignoring problems in the others', async () => {
      await expect(parseUnsignedStudentsWorkbook(await sheets(), { sheet: 'B' })).resolves.toEqual({
        sheetsRead: 1,
        students: [
          { grade: 2, group: 2, studentNumber: 1, name: '박서울', phoneNumber: '01022221111' },
          { grade: 2, group: 2, studentNumber: 2, name: '박부산', phoneNumber: '01022223333' },
        ],
      });
    });

    it('rejects an unknown sheet, naming it', async () => {
      const error = await rejection(await sheets(), { sheet: '없는시트' });
      expect(error.message).toContain("'없는시트' 시트가 없습니다");
      expect(error.httpStatus).toBe(400);
      expect(error.details).toMatchObject({ sheet: '없는시트' });
    });

    it('without the option a broken sheet rejects the whole file', async () => {
      const error = await rejection(await sheets());
      expect(error.message).toContain("'Broken' 시트");
    });
  });

  it.each([
    ['no student-number column', ['번호', '성명', '전화번호'], '학번'],
    ['no name column', ['학번', '성 명', '전화번호'], '성명'],
    ['no phone column', ['학번', '성명', '휴대폰'], '전화번호'],
    ['an alias with different case', ['학번', 'Name', '전화번호'], '성명'],
  ])('rejects a header with %s, naming the sheet and the missing column', async (_label, header, missing) => {
    const bytes = await buildXlsx({
      명단: [header, row('1101', '김하나', '"010-1111-2222"'), row('1102', '김두리', '"010-1111-3333"')],
    });
    const error = await rejection(bytes);
    expect(error.message).toContain("'명단' 시트의 첫 행");
    expect(error.message).toContain(`없는 열: ${missing}`);
    expect(error.details).toMatchObject({ sheet: '명단', row: 1 });
  });

  it.each<[string, CellInput[], string, string]>([
    ['grade 4', row('4101', '김하나', '"010-1111-2222"'), '학번', '4101'],
    ['grade 0', row('0101', '김하나', '"010-1111-2222"'), '학번', '0101'],
    ['class 5', row('1501', '김하나', '"010-1111-2222"'), '학번', '1501'],
    ['number 22', row('1122', '김하나', '"010-1111-2222"'), '학번', '1122'],
    ['three digits', row(111, '김하나', '"010-1111-2222"'), '학번', '111'],
    ['five digits', row('11011', '김하나', '"010-1111-2222"'), '학번', '11011'],
    ['a one-syllable name', row('1101', '김', '"010-1111-2222"'), '성명', '김'],
    ['a five-syllable name', row('1101', '김하나둘셋', '"010-1111-2222"'), '성명', '김하나둘셋'],
    ['a Latin name', row('1101', 'Kim', '"010-1111-2222"'), '성명', 'Kim'],
    ['a jamo name', row('1101', 'ㄱㄴ', '"010-1111-2222"'), '성명', 'ㄱㄴ'],
    ['a phone without the quotes', row('1101', '김하나', '010-1111-2222'), '전화번호', '010-1111-2222'],
    ['a phone stored as a number', row('1101', '김하나', 1011112222), '전화번호', '1011112222'],
    ['a phone with one quote', row('1101', '김하나', '"010-1111-2222'), '전화번호', '"010-1111-2222'],
    ['a short phone', row('1101', '김하나', '"010-111-2222"'), '전화번호', '"010-111-2222"'],
    ['a doubled separator', row('1101', '김하나', '"010--1111-2222"'), '전화번호', '"010--1111-2222"'],
    ['a slash separator', row('1101', '김하나', '"010/1111/2222"'), '전화번호', '"010/1111/2222"'],
  ])('rejects %s, naming the sheet, row and value', async (_label, bad, column, value) => {
    const bytes = await buildXlsx({
      '2반': [HEADER, row('1101', '정상', '"010-0000-0000"'), bad, row('1103', '뒤쪽', '"010-0000-0001"')],
    });
    const error = await rejection(bytes);
    expect(error.message).toContain(`'2반' 시트 3행의 ${column} 값이 올바르지 않습니다: ${value}`);
    expect(error.details).toMatchObject({ sheet: '2반', row: 3, column, value });
  });

  it.each([
    ['an empty buffer', () => Promise.resolve(Buffer.alloc(0))],
    ['plain text', () => Promise.resolve(Buffer.from('학번,성명,전화번호\n1101,김하나,"010-1111-2222"'))],
    // Excel refuses to open a workbook without a sheet; exceljs writes one anyway.
    ['a workbook without any sheet', async () => Buffer.from(await new Workbook().xlsx.writeBuffer())],
  ])('rejects %s as not a valid xlsx', async (_label, bytes) => {
    const error = await rejection(await bytes());
    expect(error.message).toBe('엑셀 파일을 읽을 수 없습니다. 올바른 .xlsx 파일인지 확인해 주세요.');
  });
});
