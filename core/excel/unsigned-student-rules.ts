/**
 * The unsigned-student Excel format of the legacy gateway (legacy-api.md §4.6, routes 7/8): header aliases and
 * the per-cell checks, kept apart from the workbook reading so they can be read next to the spec.
 */

export type UnsignedStudentColumn = 'studentNumber' | 'name' | 'phoneNumber';

/** Header texts that name each column, matched exactly as the legacy switch did. */
export const HEADER_ALIASES: Readonly<Record<UnsignedStudentColumn, readonly string[]>> = {
  studentNumber: ['학번', 'student_number'],
  name: ['성명', '이름', 'name'],
  phoneNumber: ['전화번호', '전화 번호', 'phone_number', '전화'],
};

/** Korean column names used in error messages. */
export const COLUMN_LABELS: Readonly<Record<UnsignedStudentColumn, string>> = {
  studentNumber: '학번',
  name: '성명',
  phoneNumber: '전화번호',
};

/** The column a header cell names, if any. */
export function columnOfHeader(text: string): UnsignedStudentColumn | undefined {
  for (const column of Object.keys(HEADER_ALIASES) as UnsignedStudentColumn[]) {
    if (HEADER_ALIASES[column].includes(text)) return column;
  }
  return undefined;
}

/** Grade 1–3, class 1–4, number 00–21: `GCNN`. */
export const STUDENT_NUMBER_PATTERN = /^[1-3][1-4](0\d|1\d|20|21)$/;
/** 2–4 Hangul syllables. */
export const NAME_PATTERN = /^[가-힣]{2,4}$/;
/**
 * QUIRK (legacy-api.md §4.6): the phone cell must carry literal double quotes (`"010-1234-5678"`), which keeps
 * Excel from dropping the leading zero; a bare number is rejected.
 */
export const PHONE_NUMBER_PATTERN = /^"\d{3}[-_.]?\d{4}[-_.]?\d{4}"$/;

/** Cells are compared with every space removed. */
export function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

/** `GCNN` → grade, class, number. Call only after STUDENT_NUMBER_PATTERN matched. */
export function splitStudentNumber(value: string): { grade: number; group: number; studentNumber: number } {
  return { grade: Number(value[0]), group: Number(value[1]), studentNumber: Number(value.slice(2)) };
}

/** `"010-1234-5678"` → `01012345678`. Call only after PHONE_NUMBER_PATTERN matched. */
export function normalisePhoneNumber(value: string): string {
  return value.replace(/[-_."]/g, '');
}
