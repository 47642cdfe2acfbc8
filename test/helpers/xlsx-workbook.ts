import { Workbook } from 'exceljs';

/** A cell as written: text, a number (Excel stores `2101` as a number) or empty. */
export type CellInput = string | number | null;

/** Sheet name → rows (first row = header), in order. */
export type SheetsInput = Record<string, CellInput[][]>;

/** Builds an .xlsx file in memory with exceljs, one worksheet per entry, in insertion order. */
export async function buildXlsx(sheets: SheetsInput): Promise<Buffer> {
  const workbook = new Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((cells, index) => {
      const row = sheet.getRow(index + 1);
      cells.forEach((value, column) => {
        if (value !== null) row.getCell(column + 1).value = value;
      });
      row.commit();
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The header of the legacy template (legacy-api.md §4.6). */
export const UNSIGNED_STUDENT_HEADER: CellInput[] = ['학번', '성명', '전화번호'];
