import { parseControlId, type SoaStatus } from '@annexa/core';
import type { Cell } from './soa-table.js';

/** A cell value that cannot be read, told as what was expected. */
export class CellValueError extends Error {}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'applicable', 'included', 'selected']);
const NO = new Set(['no', 'n', 'false', '0', 'not applicable', 'n a', 'na', 'excluded', 'not selected']);

const STATUSES: Readonly<Record<string, SoaStatus>> = {
  implemented: 'implemented',
  'fully implemented': 'implemented',
  yes: 'implemented',
  y: 'implemented',
  done: 'implemented',
  complete: 'implemented',
  partial: 'partial',
  partially: 'partial',
  'partially implemented': 'partial',
  'in progress': 'partial',
  planned: 'planned',
  'not started': 'not-implemented',
  'not implemented': 'not-implemented',
  no: 'not-implemented',
  n: 'not-implemented',
};

function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The cell as text, trimmed; undefined when empty. Dates become YYYY-MM-DD (or a full timestamp). */
export function cellText(cell: Cell): string | undefined {
  if (cell === null) return undefined;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  const text = String(cell).trim();
  return text === '' ? undefined : text;
}

export function parseApplicable(cell: Cell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const word = words(text);
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  throw new CellValueError(
    `expected Yes or No (also Y/N, true/false, Applicable/Not applicable), got "${clip(text)}"`,
  );
}

export function parseStatus(cell: Cell): SoaStatus | undefined {
  if (typeof cell === 'boolean') return cell ? 'implemented' : 'not-implemented';
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const status = STATUSES[words(text)];
  if (status) return status;
  throw new CellValueError(
    `expected Implemented, Partially implemented, Planned or Not implemented, got "${clip(text)}"`,
  );
}

/** Risk ids separated by commas, semicolons or blanks. */
export function splitRisks(cell: Cell): string[] | undefined {
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const risks = text.split(/[\s,;]+/).filter((risk) => risk !== '');
  return risks.length === 0 ? undefined : risks;
}

/**
 * The control id of a row: `8.5`, `A.8.5`, `A 8.5` or `A.8.5 Secure authentication` give `8.5`. Text that
 * names no control is kept as written, so parseSoa reports it as an unknown control.
 * A number cell is accepted only when it cannot be misread: 8.1 could be 8.10 after Excel dropped the zero.
 */
export function readControlId(cell: Cell): string | undefined {
  if (typeof cell === 'number') {
    const written = String(cell);
    if (/^\d+\.\d$/.test(written) && parseControlId(`${written}0`) !== undefined)
      throw new CellValueError(
        `the control id is stored as the number ${written}, which may have been ${written} or ${written}0: format the column as text and type the ids again`,
      );
    return parseControlId(written) ?? written;
  }
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const match = /^a?[\s.]*(\d{1,2}\.\d{1,2})(?![\d.])/i.exec(text);
  const id = match?.[1] === undefined ? undefined : parseControlId(match[1]);
  return id ?? text;
}

/** Whether a cell looks like a control id at all (section headings in a sheet do not). */
export function looksLikeControlId(cell: Cell): boolean {
  if (typeof cell === 'number') return true;
  const text = cellText(cell);
  return text !== undefined && /^a?[\s.]*\d{1,2}\.\d{1,2}/i.test(text);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
