import type { Nonconformity } from './register.js';

const COLUMNS = [
  'id',
  'status',
  'control',
  'control_title',
  'kind',
  'severity',
  'opened_at',
  'opened_run',
  'closed_at',
  'closed_run',
  'root_cause',
  'corrective_action',
  'accepted_by',
  'message',
  'evidence',
  'fingerprint',
] as const;

/** RFC 4180 CSV of the register, one row per nonconformity. Cells a spreadsheet would run as formulas are quoted with '. */
export function actionsToCsv(actions: readonly Nonconformity[]): string {
  const rows = actions.map((action) => [
    action.id,
    action.status,
    action.control ?? '',
    action.controlTitle ?? '',
    action.kind,
    action.severity,
    action.openedAt,
    String(action.openedRun.seq),
    action.closedAt ?? '',
    action.closedRun ? String(action.closedRun.seq) : '',
    action.rootCause ?? '',
    action.correctiveAction ?? '',
    action.acceptedBy ?? '',
    action.message,
    action.evidence.join(' '),
    action.fingerprint,
  ]);
  return `${[[...COLUMNS], ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string): string {
  // A leading =, +, - or @ makes spreadsheets evaluate the cell: neutralise it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
