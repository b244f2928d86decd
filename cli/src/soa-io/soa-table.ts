import { InputError } from '@annexa/core';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A cell as read: text from CSV; from XLSX also numbers, booleans and dates. Empty cells are null. */
export type Cell = string | number | boolean | Date | null;

export interface TableRow {
  /** 1-based, as a spreadsheet shows it (for a CSV, the record number). */
  number: number;
  cells: Cell[];
}

export interface Table {
  /** The worksheet the rows come from (XLSX only). */
  sheet?: string;
  rows: TableRow[];
}

const CODE = 'soa-import-invalid';

function fail(file: string, message: string, line?: number, cause?: unknown): never {
  throw new InputError(
    CODE,
    [{ location: line === undefined ? { file } : { file, line }, message }],
    cause === undefined ? {} : { cause },
  );
}

/**
 * Reads a CSV export. The delimiter is the one of `,` `;` or tab that the first line uses most, since
 * spreadsheet programs in many locales write `;`.
 */
export function readCsvTable(bytes: Buffer, file: string): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return fail(file, 'is not UTF-8 text: export it as "CSV UTF-8"', undefined, error);
  }
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  let records: string[][];
  try {
    // relax_quotes: a quote inside an unquoted field (`Required by "ISO"`) is text, as spreadsheets read it.
    records = parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return fail(file, `malformed CSV (${error.code}): check the quotes on this line`, line, error);
    }
    return fail(file, 'could not be read as CSV', undefined, error);
  }
  return {
    rows: records.map((cells, index) => ({
      number: index + 1,
      cells: cells.map((cell) => (cell.trim() === '' ? null : cell)),
    })),
  };
}

/** Reads the worksheets of an XLSX workbook, each as a table; hidden sheets are read too. */
export async function readXlsxTables(bytes: Buffer, file: string): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's own Buffer type predates the generic Buffer of current @types/node.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    return fail(
      file,
      'could not be read as an XLSX workbook: save it again from your spreadsheet program',
      undefined,
      error,
    );
  }
  return workbook.worksheets.map((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push({ number, cells: Array.from(values, (value) => toCell(value)) });
    });
    return { sheet: sheet.name, rows };
  });
}

/** Reduces an exceljs cell value (rich text, formula, hyperlink, ...) to what it shows. */
function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return toCell(value.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join(''));
    if ('result' in value) return toCell(value.result);
    if ('text' in value) return toCell(value.text);
    if ('error' in value) return String(value.error);
  }
  return null;
}
