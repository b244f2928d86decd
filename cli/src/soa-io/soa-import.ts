import { basename, extname } from 'node:path';
import {
  InputError,
  type InputProblem,
  renderSoaYaml,
  SOA_PLACEHOLDER,
  type SoaYamlControl,
  type SoaYamlDraft,
} from '@annexa/core';
import { HEADER_ALIASES, type ImportField, normaliseHeader } from './soa-columns.js';
import {
  CellValueError,
  cellText,
  looksLikeControlId,
  parseApplicable,
  parseStatus,
  readControlId,
  splitRisks,
} from './soa-import-values.js';
import { type Cell, readCsvTable, readXlsxTables, type Table } from './soa-table.js';

const CODE = 'soa-import-invalid';
// Title rows above the header are common in published SoAs; the header is looked for this far down.
const HEADER_SEARCH_ROWS = 20;

/**
 * Turns a CSV or XLSX SoA into soa.yaml text. Only what cannot be read is an error here (no header, a
 * value that is neither yes nor no, ...), naming file, row and column. Whether the SoA is complete and
 * coherent is for parseSoa to say, like for any soa.yaml: the importer keeps what the sheet says.
 */
export async function importSoa(bytes: Buffer, file: string): Promise<string> {
  const tables = isXlsx(bytes, file) ? await readXlsxTables(bytes, file) : [readCsvTable(bytes, file)];
  for (const table of tables) {
    const header = findHeader(table, file);
    if (header) return renderSoaYaml(toDraft(table, header, file), { header: importComment(file, table) });
  }
  const sheets = tables.length > 1 ? ` in any of its ${tables.length} sheets` : '';
  throw new InputError(CODE, [
    {
      location: { file },
      message: `no header row with a control id column and an applicable column was found${sheets} (e.g. "Control ID" and "Applicable")`,
    },
  ]);
}

function isXlsx(bytes: Buffer, file: string): boolean {
  // An XLSX is a zip; its signature wins over the name, and an old binary .xls is told apart.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return true;
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new InputError(CODE, [
      { location: { file }, message: 'is an old binary Excel file (.xls): save it as .xlsx or CSV' },
    ]);
  if (extname(file).toLowerCase() === '.xlsx')
    throw new InputError(CODE, [
      { location: { file }, message: 'is named .xlsx but is not an XLSX workbook' },
    ]);
  return false;
}

interface Header {
  row: number;
  /** Column index (0-based) of each field the sheet has. */
  columns: Partial<Record<ImportField, number>>;
  names: string[];
}

function findHeader(table: Table, file: string): Header | undefined {
  for (const row of table.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const names = row.cells.map((cell) => cellText(cell) ?? '');
    const { columns, repeated } = mapColumns(names);
    if (columns.controlId === undefined || columns.applicable === undefined) continue;
    if (repeated) {
      const [first, second] = repeated;
      throw new InputError(CODE, [
        cellProblem(
          file,
          table,
          row.number,
          second,
          names,
          `repeats column ${columnLetter(first)} ("${names[first]}"): keep one`,
        ),
      ]);
    }
    return { row: row.number, columns, names };
  }
  return undefined;
}

/**
 * Each field takes the column whose header is its best alias. Two columns equally good for one field
 * cannot be told apart: `repeated` names them, and the row is refused if it turns out to be the header.
 */
function mapColumns(names: readonly string[]): {
  columns: Partial<Record<ImportField, number>>;
  repeated?: [number, number];
} {
  const columns: Partial<Record<ImportField, number>> = {};
  let repeated: [number, number] | undefined;
  const normalised = names.map(normaliseHeader);
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [ImportField, readonly string[]][]) {
    const rank = (index: number) => aliases.indexOf(normalised[index] ?? '');
    const candidates = normalised.map((_, index) => index).filter((index) => rank(index) >= 0);
    if (candidates.length === 0) continue;
    const best = Math.min(...candidates.map(rank));
    const [first, second] = candidates.filter((index) => rank(index) === best);
    if (first === undefined) continue;
    columns[field] = first;
    if (second !== undefined) repeated ??= [first, second];
  }
  return repeated === undefined ? { columns } : { columns, repeated };
}

function toDraft(table: Table, header: Header, file: string): SoaYamlDraft {
  const problems: InputProblem[] = [];
  const controls: SoaYamlControl[] = [];
  const versions = new Set<string>();
  const reviewers = new Set<string>();
  const reviewDates = new Set<string>();
  for (const row of table.rows) {
    if (row.number <= header.row) continue;
    const cell = (field: ImportField): Cell => {
      const index = header.columns[field];
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    const read = <T>(field: ImportField, parse: (value: Cell) => T): T | undefined => {
      try {
        return parse(cell(field));
      } catch (error) {
        if (!(error instanceof CellValueError)) throw error;
        problems.push(
          cellProblem(file, table, row.number, header.columns[field] ?? 0, header.names, error.message),
        );
        return undefined;
      }
    };
    const idCell = cell('controlId');
    const applicableCell = cell('applicable');
    // Blank rows and section headings ("5 Organizational controls") carry no claim.
    if (idCell === null || (!looksLikeControlId(idCell) && applicableCell === null)) continue;
    const id = read('controlId', readControlId);
    if (id === undefined) continue;
    const text = (field: ImportField) => cellText(cell(field));
    for (const [field, into] of [
      ['version', versions],
      ['reviewer', reviewers],
      ['reviewedAt', reviewDates],
    ] as const) {
      const value = text(field);
      if (value !== undefined) into.add(value);
    }
    const treatment = {
      owner: text('treatmentOwner'),
      due: text('treatmentDue'),
      budget: text('treatmentBudget'),
      notes: text('treatmentNotes'),
    };
    controls.push(
      withoutUndefined({
        id,
        applicable: read('applicable', parseApplicable),
        status: read('status', parseStatus),
        justification: text('justification'),
        risks: splitRisks(cell('risks')),
        owner: text('owner'),
        implementation: text('implementation'),
        treatment: Object.values(treatment).some((value) => value !== undefined)
          ? withoutUndefined(treatment)
          : undefined,
      }),
    );
  }
  if (problems.length > 0) throw new InputError(CODE, problems);
  // The sheet does not name the organization: a placeholder makes `soa check` ask for it.
  return withoutUndefined({
    organization: `${SOA_PLACEHOLDER}: organization`,
    version: single(versions) ?? `${SOA_PLACEHOLDER}: version`,
    approvedBy: single(reviewers),
    approvedAt: single(reviewDates),
    controls,
  });
}

/** A value every row agrees on, e.g. the reviewer of an SoA approved as a whole. */
function single(values: ReadonlySet<string>): string | undefined {
  return values.size === 1 ? [...values][0] : undefined;
}

function importComment(file: string, table: Table): string[] {
  const from = table.sheet === undefined ? basename(file) : `${basename(file)}, sheet "${table.sheet}"`;
  return [`Imported from ${from}. Check it with \`annexa soa check\`.`, ''];
}

function cellProblem(
  file: string,
  table: Table,
  row: number,
  column: number,
  names: readonly string[],
  message: string,
): InputProblem {
  const sheet = table.sheet === undefined ? '' : `sheet "${table.sheet}", `;
  const name = names[column] ? ` (${names[column]})` : '';
  return {
    location: { file, line: row },
    path: `${sheet}row ${row}, column ${columnLetter(column)}${name}`,
    message,
  };
}

/** 0 → A, 25 → Z, 26 → AA: how spreadsheets name columns. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Drops undefined fields, which exactOptionalPropertyTypes (rightly) refuses as values. */
function withoutUndefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
