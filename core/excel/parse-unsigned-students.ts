import type { Workbook, Worksheet } from 'exceljs';
import { BadUserInputError } from '../errors';
import {
  COLUMN_LABELS,
  NAME_PATTERN,
  PHONE_NUMBER_PATTERN,
  STUDENT_NUMBER_PATTERN,
  columnOfHeader,
  normalisePhoneNumber,
  splitStudentNumber,
  withoutSpaces,
  type UnsignedStudentColumn,
} from './unsigned-student-rules';

/** One row of the import, ready for AuthAdmin.AddUnsignedStudents. */
export interface UnsignedStudentRow {
  name: string;
  /** Digits only, e.g. `01012345678`. */
  phoneNumber: string;
  grade: number;
  group: number;
  studentNumber: number;
}

export interface ParsedUnsignedStudents {
  students: UnsignedStudentRow[];
  /** Sheets actually parsed; sheets with two rows or fewer are skipped and not counted. */
  sheetsRead: number;
}

export interface ParseUnsignedStudentsOptions {
  /** Read only this sheet (route 8); by default every sheet is read (route 7). */
  sheet?: string;
}

/** A sheet needs more than this many rows (header included) to be read at all. */
const MIN_ROWS_EXCLUSIVE = 2;

/**
 * Parses the unsigned-student Excel import exactly as the legacy gateway did (legacy-api.md §4.6): the first row
 * is the header; sheets with ≤ 2 rows are skipped; rows with a blank student-number, name or phone cell are
 * skipped; any malformed value rejects the whole file with a Korean message naming the sheet and row.
 */
export async function parseUnsignedStudentsWorkbook(
  bytes: Buffer,
  options: ParseUnsignedStudentsOptions = {},
): Promise<ParsedUnsignedStudents> {
  const workbook = await loadWorkbook(bytes);
  const sheets = selectSheets(workbook, options.sheet);
  const students: UnsignedStudentRow[] = [];
  let sheetsRead = 0;
  for (const sheet of sheets) {
    const lastRow = lastRowWithContent(sheet);
    if (lastRow <= MIN_ROWS_EXCLUSIVE) continue;
    sheetsRead += 1;
    const columns = readHeader(sheet);
    for (let rowNumber = 2; rowNumber <= lastRow; rowNumber += 1) {
      const student = readRow(sheet, rowNumber, columns);
      if (student) students.push(student);
    }
  }
  return { students, sheetsRead };
}

async function loadWorkbook(bytes: Buffer): Promise<Workbook> {
  const unreadable = (cause?: unknown) =>
    new BadUserInputError('엑셀 파일을 읽을 수 없습니다. 올바른 .xlsx 파일인지 확인해 주세요.', { cause });
  // Loaded on the first import, not at start: exceljs alone is ≈ 27 MB of resident memory, for two admin routes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook: WorkbookClass } = require('exceljs') as typeof import('exceljs');
  const workbook = new WorkbookClass();
  try {
    // exceljs declares its own Buffer type, which differs from Node 20's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(error);
  }
  // Any zip loads; a real workbook has at least one sheet.
  if (workbook.worksheets.length === 0) throw unreadable();
  return workbook;
}

function selectSheets(workbook: Workbook, name: string | undefined): Worksheet[] {
  if (name === undefined) return workbook.worksheets;
  const sheet = workbook.worksheets.find((candidate) => candidate.name === name);
  if (!sheet) {
    throw new BadUserInputError(`엑셀 파일에 '${name}' 시트가 없습니다.`, { details: { sheet: name } });
  }
  return [sheet];
}

/** The last row holding any text: what the legacy reader (excelize GetRows) counted as the sheet's rows. */
function lastRowWithContent(sheet: Worksheet): number {
  let last = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let hasText = false;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.text !== '') hasText = true;
    });
    if (hasText) last = rowNumber;
  });
  return last;
}

function readHeader(sheet: Worksheet): Record<UnsignedStudentColumn, number> {
  const found: Partial<Record<UnsignedStudentColumn, number>> = {};
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, columnNumber) => {
    const column = columnOfHeader(cell.text);
    // A repeated header overwrites the earlier one, as the legacy loop did.
    if (column) found[column] = columnNumber;
  });
  const missing = (Object.keys(COLUMN_LABELS) as UnsignedStudentColumn[]).filter((c) => found[c] === undefined);
  if (missing.length > 0) {
    const names = missing.map((c) => COLUMN_LABELS[c]).join(', ');
    throw new BadUserInputError(
      `'${sheet.name}' 시트의 첫 행에 학번, 성명, 전화번호 열이 모두 있어야 합니다. (없는 열: ${names})`,
      { details: { sheet: sheet.name, row: 1, missingColumns: missing } },
    );
  }
  return found as Record<UnsignedStudentColumn, number>;
}

function readRow(
  sheet: Worksheet,
  rowNumber: number,
  columns: Record<UnsignedStudentColumn, number>,
): UnsignedStudentRow | undefined {
  const row = sheet.getRow(rowNumber);
  const cell = (column: UnsignedStudentColumn) => withoutSpaces(row.getCell(columns[column]).text);
  const studentNumber = cell('studentNumber');
  const name = cell('name');
  const phoneNumber = cell('phoneNumber');
  if (studentNumber === '' || name === '' || phoneNumber === '') return undefined;

  const reject = (column: UnsignedStudentColumn, value: string, rule: string): never => {
    throw new BadUserInputError(
      `'${sheet.name}' 시트 ${rowNumber}행의 ${COLUMN_LABELS[column]} 값이 올바르지 않습니다: ${value} (${rule})`,
      { details: { sheet: sheet.name, row: rowNumber, column: COLUMN_LABELS[column], value } },
    );
  };
  if (!STUDENT_NUMBER_PATTERN.test(studentNumber)) {
    reject('studentNumber', studentNumber, '학년 1~3, 반 1~4, 번호 00~21의 네 자리 숫자여야 합니다');
  }
  if (!NAME_PATTERN.test(name)) reject('name', name, '한글 2~4자여야 합니다');
  if (!PHONE_NUMBER_PATTERN.test(phoneNumber)) {
    reject('phoneNumber', phoneNumber, '큰따옴표로 감싼 "010-1234-5678" 형식이어야 합니다');
  }
  return { name, phoneNumber: normalisePhoneNumber(phoneNumber), ...splitStudentNumber(studentNumber) };
}
