import { controls as catalog, type Soa } from '@annexa/core';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SOA_EXPORT_COLUMNS, type SoaColumnKey } from './soa-columns.js';
import { fixZipTimestamps } from './zip-timestamps.js';

/** What the SoA does not hold but an export can show next to it, per control id. */
export interface SoaExportExtra {
  evidenceLastCollectedAt?: string;
  automatedChecks?: string[];
  /** What the evidence shows as of the export: failing, passing, not-assessable, attested, unjudged, no-evidence. */
  evidenceStatus?: string;
  /** Drift findings that block (every kind but understated). */
  openFindings?: number;
}

type Row = Record<SoaColumnKey, string>;

/**
 * The SoA as a spreadsheet: all 93 controls in catalog order, those the SoA lacks with empty claims.
 * The same input always gives the same bytes: the XLSX dates are the SoA's approval date (or the epoch).
 */
export async function exportSoa(
  soa: Soa,
  format: 'csv' | 'xlsx',
  extra: ReadonlyMap<string, SoaExportExtra> = new Map(),
): Promise<Buffer> {
  const rows = catalog.map((control) => exportRow(soa, control, extra.get(control.id)));
  return format === 'csv' ? toCsv(rows) : toXlsx(rows, soa);
}

function exportRow(soa: Soa, control: (typeof catalog)[number], extra: SoaExportExtra | undefined): Row {
  const entry = soa.controls.get(control.id);
  const { document } = soa;
  return {
    control_id: control.id,
    title: control.title,
    theme: control.theme,
    new_in_2022: String(control.newIn2022),
    applicable: entry === undefined ? '' : String(entry.applicable),
    // soa.yaml records risks, not reason codes (legal, contract, business, risk assessment): left empty.
    applicability_reason_codes: '',
    justification: entry?.justification ?? '',
    implementation_status: entry?.status ?? '',
    implementation_description: entry?.implementation ?? '',
    owner: entry?.owner ?? '',
    linked_risk_ids: entry?.risks?.join(', ') ?? '',
    policy_refs: '',
    evidence_refs: '',
    evidence_last_collected_at: extra?.evidenceLastCollectedAt ?? '',
    automated_checks: extra?.automatedChecks?.join(', ') ?? '',
    evidence_status: extra?.evidenceStatus ?? '',
    open_findings: extra?.openFindings === undefined ? '' : String(extra.openFindings),
    // The SoA is approved as a whole: its approval is the last review of every entry.
    last_reviewed_at: document.approvedAt ?? '',
    reviewer: document.approvedBy ?? '',
    soa_version: document.version,
    treatment_owner: entry?.treatment?.owner ?? '',
    treatment_due: entry?.treatment?.due ?? '',
    treatment_budget: entry?.treatment?.budget ?? '',
    treatment_notes: entry?.treatment?.notes ?? '',
  };
}

function toCsv(rows: readonly Row[]): Buffer {
  const header = SOA_EXPORT_COLUMNS.map((column) => column.key);
  const records = rows.map((row) => header.map((key) => row[key]));
  // The byte order mark makes Excel open the file as UTF-8; the importer strips it.
  return Buffer.from(stringify([header, ...records], { bom: true }), 'utf8');
}

async function toXlsx(rows: readonly Row[], soa: Soa): Promise<Buffer> {
  const date = new Date(soa.document.approvedAt === undefined ? 0 : `${soa.document.approvedAt}T00:00:00Z`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Annexa';
  workbook.lastModifiedBy = 'Annexa';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = `Statement of Applicability ${soa.document.organization} ${soa.document.version}`.trim();
  const sheet = workbook.addWorksheet('SoA', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SOA_EXPORT_COLUMNS.map(({ key, width }) => ({ header: key, key, width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row);
    // Ids as text, never numbers: Excel would show 8.10 as 8.1.
    added.getCell('control_id').numFmt = '@';
    added.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SOA_EXPORT_COLUMNS.length } };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimestamps(buffer, date);
}
