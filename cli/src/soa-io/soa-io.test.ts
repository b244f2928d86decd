import { controls as catalog, InputError, parseSoa, type Soa, type SoaControlEntry } from '@annexa/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOA_EXPORT_COLUMNS } from './soa-columns.js';
import { exportSoa } from './soa-export.js';
import { importSoa } from './soa-import.js';

/** A full SoA with awkward values: separators, quotes, line breaks, YAML syntax, non-ASCII text. */
function richSoaText(): string {
  const lines = [
    'organization: Acme Ltd',
    'version: "2026.1"',
    'approvedBy: CISO',
    'approvedAt: 2026-10-01',
    'controls:',
  ];
  catalog.forEach((control, index) => {
    lines.push(`  - id: "${control.id}"`);
    switch (index % 4) {
      case 0:
        lines.push(
          '    applicable: true',
          '    status: implemented',
          `    justification: "Risk, law; and \\"contract\\" # ${control.id}: yes"`,
          '    risks: [R-01, R-07]',
          '    owner: security@acme.example',
          '    implementation: "Policy P-1\\nProcedure Ü-2"',
        );
        break;
      case 1:
        lines.push('    applicable: true', '    status: partial', '    risks: [R-02]');
        break;
      case 2:
        lines.push(
          '    applicable: true',
          `    status: ${index % 8 === 2 ? 'planned' : 'not-implemented'}`,
          '    treatment: { owner: it@acme.example, due: 2027-03-31, budget: "EUR 12k", notes: "phase 2, then 3" }',
        );
        break;
      default:
        lines.push('    applicable: false', '    justification: "No in-house development: outsourced"');
    }
  });
  return `${lines.join('\n')}\n`;
}

function entries(soa: Soa): SoaControlEntry[] {
  return [...soa.controls.values()].map(({ line: _line, ...entry }) => entry);
}

async function importError(bytes: Buffer, file: string): Promise<InputError> {
  try {
    await importSoa(bytes, file);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

async function xlsx(rows: unknown[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const soa = parseSoa(richSoaText(), 'soa.yaml');

describe('exportSoa', () => {
  it('writes every control in catalog order with the public SoA columns', async () => {
    expect(soa.problems).toEqual([]);
    const extra = new Map([
      ['8.5', { evidenceLastCollectedAt: '2026-10-02T08:00:00.000Z', automatedChecks: ['a_b', 'c_d'] }],
    ]);
    const csv = (await exportSoa(soa, 'csv', extra)).toString('utf8');
    expect(csv.startsWith('\ufeffcontrol_id,title,theme,new_in_2022,applicable,')).toBe(true);
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual(SOA_EXPORT_COLUMNS.map((column) => column.key));
    expect(rows.map((row) => row[0])).toEqual(catalog.map((control) => control.id));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const row85 = rows[catalog.findIndex((control) => control.id === '8.5')] ?? [];
    const control85 = catalog.find((control) => control.id === '8.5');
    expect(row85[column('title')]).toBe(control85?.title);
    expect(row85[column('theme')]).toBe('technological');
    expect(row85[column('automated_checks')]).toBe('a_b, c_d');
    expect(row85[column('evidence_last_collected_at')]).toBe('2026-10-02T08:00:00.000Z');
    expect(rows.map((row) => row[column('new_in_2022')])).toEqual(
      catalog.map((control) => String(control.newIn2022)),
    );
  });

  it('leaves the claims of a control the SoA lacks empty', async () => {
    const partial = parseSoa(richSoaText().replace(/ {2}- id: "5\.1"\n(?: {4}.*\n)+/, ''), 'soa.yaml');
    const [header, first] = parse((await exportSoa(partial, 'csv')).toString('utf8'), {
      bom: true,
    }) as string[][];
    expect(first?.[0]).toBe('5.1');
    expect(first?.[header?.indexOf('applicable') ?? -1]).toBe('');
    expect(first?.[header?.indexOf('justification') ?? -1]).toBe('');
  });

  it('writes a deterministic XLSX: bold frozen header, dates fixed to the approval date', async () => {
    const first = await exportSoa(soa, 'xlsx');
    const second = await exportSoa(soa, 'xlsx');
    expect(first.equals(second)).toBe(true);
    // Every zip entry carries 2026-10-01 00:00 as its DOS date and time, not the moment of export.
    const expectedDay = ((2026 - 1980) << 9) | (10 << 5) | 1;
    let entries = 0;
    for (
      let offset = first.indexOf('PK\x01\x02');
      offset >= 0;
      offset = first.indexOf('PK\x01\x02', offset + 4)
    ) {
      entries += 1;
      expect([first.readUInt16LE(offset + 12), first.readUInt16LE(offset + 14)]).toEqual([0, expectedDay]);
    }
    expect(entries).toBeGreaterThan(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(first as unknown as ExcelJS.Buffer);
    expect(workbook.created.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getColumn(7).width).toBeGreaterThan(20);
    expect(sheet?.getRow(2).getCell(1).value).toBe('5.1');
  });
});

describe('round trip: parseSoa → exportSoa → importSoa → parseSoa', () => {
  it.each(['csv', 'xlsx'] as const)('keeps every control (%s)', async (format) => {
    const yaml = await importSoa(await exportSoa(soa, format), `soa.${format}`);
    const back = parseSoa(yaml, 'imported.yaml');
    expect(entries(back)).toEqual(entries(soa));
    expect(back.document).toMatchObject({ version: '2026.1', approvedBy: 'CISO', approvedAt: '2026-10-01' });
    // The sheet does not carry the organization: the import asks for it instead of inventing one.
    expect(back.problems.map((problem) => problem.code)).toEqual(['placeholder']);
  });
});

describe('importSoa', () => {
  it('accepts common header names, title rows, ; as delimiter, and yes/no and status wording', async () => {
    const csv = [
      'Statement of Applicability;;;;;',
      ';;;;;',
      'Annex A control;Applicable (Y/N);Reason for inclusion/exclusion;Implementation status;Linked risk ids;Control owner',
      '5 Organizational controls;;;;;',
      'A.5.1 Policies for information security;Y;Required by ISO;Implemented;R-1, R-2;CISO',
      'A.5.2;Yes;Roles;Partially implemented;R-3;R-4;',
      '5.3;No;Small team;;;',
      '5.4;N/A;;;;',
      '5.5;true;Law;Not implemented;R-5 R-6;',
      '5.6;y;;Planned;;',
    ].join('\r\n');
    const yaml = await importSoa(Buffer.from(csv), 'public-soa.csv');
    const imported = parseSoa(yaml, 'soa.yaml');
    expect(entries(imported)).toEqual([
      {
        id: '5.1',
        applicable: true,
        status: 'implemented',
        justification: 'Required by ISO',
        risks: ['R-1', 'R-2'],
        owner: 'CISO',
      },
      {
        id: '5.2',
        applicable: true,
        status: 'partial',
        justification: 'Roles',
        risks: ['R-3'],
        owner: 'R-4',
      },
      { id: '5.3', applicable: false, justification: 'Small team' },
      { id: '5.4', applicable: false },
      { id: '5.5', applicable: true, status: 'not-implemented', justification: 'Law', risks: ['R-5', 'R-6'] },
      { id: '5.6', applicable: true, status: 'planned' },
    ]);
    // What the sheet leaves out is reported by parseSoa, the normal way.
    const codes = imported.problems.map((problem) => [problem.code, problem.control]);
    expect(codes).toContainEqual(['exclusion-without-justification', '5.4']);
    expect(codes).toContainEqual(['missing-treatment', '5.5']);
    expect(codes).toContainEqual(['missing-control', '8.5']);
  });

  it('reads XLSX cells: rich text, formulas, dates, booleans, a header below a title', async () => {
    const bytes = await xlsx(
      [
        ['Our SoA'],
        [],
        ['Control ID', 'Control', 'Applicable', 'Status', 'Risks', 'Treatment owner', 'Due date'],
        [
          { richText: [{ text: 'A.' }, { text: '8.16' }] },
          'Monitoring activities',
          true,
          'planned',
          { formula: '"R-9"', result: 'R-9' },
          'IT',
          new Date(Date.UTC(2027, 2, 31)),
        ],
        ['8.28', 'Secure coding', false, null, null, null, null],
        [8.25, 'Secure development life cycle', 'Yes', 'Implemented', 'R-1', null, null],
      ],
      'Annex A',
    );
    const yaml = await importSoa(bytes, 'soa.xlsx');
    expect(yaml).toContain('sheet "Annex A"');
    expect(entries(parseSoa(yaml, 'soa.yaml'))).toEqual([
      {
        id: '8.16',
        applicable: true,
        status: 'planned',
        risks: ['R-9'],
        treatment: { owner: 'IT', due: '2027-03-31' },
      },
      { id: '8.28', applicable: false },
      { id: '8.25', applicable: true, status: 'implemented', risks: ['R-1'] },
    ]);
  });

  it('refuses a numeric control id that may have lost a zero, naming row and column', async () => {
    const bytes = await xlsx([
      ['Control', 'Applicable'],
      ['8.5', 'Yes'],
      [8.1, 'Yes'],
    ]);
    const error = await importError(bytes, 'soa.xlsx');
    expect(error.code).toBe('soa-import-invalid');
    expect(error.problems[0]).toMatchObject({
      location: { file: 'soa.xlsx', line: 3 },
      path: 'sheet "Sheet1", row 3, column A (Control)',
    });
    expect(error.message).toContain('8.10');
  });

  it('names file, row and column of every unreadable value', async () => {
    const csv = 'id,title,applicable,status\n5.1,x,maybe,implemented\n5.2,y,yes,someday\n';
    const error = await importError(Buffer.from(csv), 'soa.csv');
    expect(error.problems.map((problem) => [problem.location.line, problem.path])).toEqual([
      [2, 'row 2, column C (applicable)'],
      [3, 'row 3, column D (status)'],
    ]);
    expect(error.message).toContain('soa.csv:2: row 2, column C (applicable): expected Yes or No');
    expect(error.message).toContain('"maybe"');
  });

  it.each([
    ['no recognisable header', Buffer.from('a,b\n1,2\n'), 'x.csv', /no header row/],
    ['malformed quotes', Buffer.from('Control,Applicable\n5.1,"yes\n'), 'x.csv', /x\.csv:2: malformed CSV/],
    [
      'a repeated column',
      Buffer.from('Control,Applicable,Status,status\n'),
      'x.csv',
      /column D \(status\): repeats column C/,
    ],
    ['a text file named .xlsx', Buffer.from('Control,Applicable\n'), 'x.xlsx', /not an XLSX/],
    ['an old .xls file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'x.xls', /\.xls/],
    ['a broken zip', Buffer.from('PK\x03\x04 broken'), 'x.xlsx', /could not be read as an XLSX/],
    ['Latin-1 text', Buffer.from([0x43, 0x6f, 0x6e, 0x74, 0x72, 0xf4, 0x6c, 0x65]), 'x.csv', /UTF-8/],
  ])('rejects %s with an InputError naming the file', async (_label, bytes, file, message) => {
    const error = await importError(bytes, file);
    expect(error.code).toBe('soa-import-invalid');
    expect(error.problems[0]?.location.file).toBe(file);
    expect(error.message).toMatch(message);
  });

  it('fuzz: arbitrary CSV text gives InputError or a soa.yaml that parses', async () => {
    const cell = fc.oneof(
      fc.constantFrom(
        'Control',
        'Applicable',
        'Status',
        'Risks',
        'Yes',
        'No',
        'n/a',
        'A.8.5',
        '8.10',
        '5.1',
        'Planned',
        '"',
        '""',
        'x,y',
        ';',
        '\n',
        '',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    const csvText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 })
        .map((rows) =>
          ['Control,Applicable,Status,Risks,Justification', ...rows.map((row) => row.join(','))].join('\n'),
        ),
    );
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => {
        let yaml: string;
        try {
          yaml = await importSoa(Buffer.from(text, 'utf8'), 'fuzz.csv');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        expect(() => parseSoa(yaml, 'soa.yaml')).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
