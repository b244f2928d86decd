import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controls as catalog } from '../catalog/catalog.js';
import { InputError } from '../errors/errors.js';
import { sha256Id } from '../evidence/canonical-json.js';
import { catchInputError } from '../testing/catch-input-error.js';
import { loadRiskRegister, parseRiskRegister } from './risk-register.js';
import { loadSoa } from './soa-load.js';
import { parseSoa } from './soa-parse.js';
import { SOA_PROBLEM_CODES } from './soa-problem-codes.js';
import { formatSoaProblems } from './soa-problems-format.js';
import { generateSoaTemplate } from './soa-template.js';

/** A valid entry for every control, in the hand-written style of the docs; statuses vary with the id. */
function validEntry(id: string, index: number): string[] {
  switch (index % 4) {
    case 0:
      return [`  - id: "${id}"`, '    applicable: true', '    status: implemented', '    risks: [R-01]'];
    case 1:
      return [
        `  - id: "A.${id}"`,
        '    applicable: true',
        '    status: partial',
        `    justification: Needed for R-02`,
        '    risks: [R-02, R-03]',
        '    owner: security@acme.example',
      ];
    case 2:
      return [
        `  - id: "${id}"`,
        '    applicable: true',
        '    status: planned',
        '    treatment: { owner: it@acme.example, due: 2027-03-31, budget: "EUR 12k" }',
      ];
    default:
      return [
        `  - id: "${id}"`,
        '    applicable: false',
        '    justification: No in-house software development',
      ];
  }
}

/** soa.yaml text with every control valid, except the ids given in `replace` (their lines instead). */
function soaText(replace: Record<string, string[]> = {}, extra: string[] = []): string {
  const lines = [
    'organization: Acme Ltd',
    'version: "2026.1"',
    'approvedBy: CISO',
    'approvedAt: 2026-10-01',
    'controls:',
  ];
  catalog.forEach((control, index) => {
    lines.push(...(replace[control.id] ?? validEntry(control.id, index)));
  });
  lines.push(...extra);
  return `${lines.join('\n')}\n`;
}

/** 1-based line of the first line containing `needle`: tests derive expected lines from their input. */
function lineOf(text: string, needle: string, from = 1): number {
  const index = text.split('\n').findIndex((line, i) => i + 1 >= from && line.includes(needle));
  if (index === -1) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

describe('parseSoa: a valid SoA', () => {
  const text = soaText();
  const soa = parseSoa(text, 'soa.yaml');

  it('has no problems and every control, ids normalised', () => {
    expect(soa.problems).toEqual([]);
    expect(soa.controls.size).toBe(93);
    expect([...soa.controls.keys()]).toEqual(catalog.map((control) => control.id));
    expect(soa.controls.get('5.2')?.id).toBe('5.2');
  });

  it('keeps each entry with the line it starts on', () => {
    const entry = soa.controls.get('8.16');
    expect(entry?.line).toBe(lineOf(text, 'id: "8.16"'));
    expect(entry?.treatment).toEqual({ owner: 'it@acme.example', due: '2027-03-31', budget: 'EUR 12k' });
  });

  it('carries the document head and is identified by the hash of the file', () => {
    expect(soa.document).toMatchObject({
      organization: 'Acme Ltd',
      version: '2026.1',
      approvedBy: 'CISO',
      approvedAt: '2026-10-01',
    });
    expect(soa.document.controls).toHaveLength(93);
    expect(soa.id).toBe(sha256Id(text));
    expect(soa.file).toBe('soa.yaml');
  });
});

describe('parseSoa: every rule reports code, line and control', () => {
  it('missing-control for each absent control, at the controls key', () => {
    const text = soaText({ '8.5': [], '5.7': [] });
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems.map((problem) => [problem.code, problem.control, problem.line])).toEqual([
      ['missing-control', '5.7', lineOf(text, 'controls:')],
      ['missing-control', '8.5', lineOf(text, 'controls:')],
    ]);
  });

  it('duplicate-control at the second entry, whatever its spelling', () => {
    const text = soaText({}, ['  - id: "A.8.5"', '    applicable: false', '    justification: again']);
    const [problem, ...rest] = parseSoa(text, 'soa.yaml').problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'duplicate-control', control: '8.5', line: lineOf(text, 'A.8.5') });
    expect(problem?.message).toContain(`line ${lineOf(text, 'id: "8.5"')}`);
  });

  it.each([
    ['missing', ['  - id: "8.28"', '    applicable: false'], 'id: "8.28"'],
    ['blank', ['  - id: "8.28"', '    applicable: false', '    justification: "  "'], 'justification: "  "'],
  ])('exclusion-without-justification when the justification is %s', (_label, lines, needle) => {
    const text = soaText({ '8.28': lines });
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'exclusion-without-justification',
      control: '8.28',
      line: lineOf(text, needle),
    });
  });

  it('implemented-without-risk for implemented without risks and partial with an empty list', () => {
    const text = soaText({
      '8.5': ['  - id: "8.5"', '    applicable: true', '    status: implemented'],
      '8.7': ['  - id: "8.7"', '    applicable: true', '    status: partial', '    risks: []'],
    });
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems.map((problem) => [problem.code, problem.control, problem.line])).toEqual([
      ['implemented-without-risk', '8.5', lineOf(text, 'id: "8.5"') + 2],
      ['implemented-without-risk', '8.7', lineOf(text, 'id: "8.7"') + 3],
    ]);
    expect(formatSoaProblems(problems.slice(0, 1))).toBe(
      `soa.yaml:${lineOf(text, 'id: "8.5"') + 2}: 8.5: implemented control names no risk (add risks: [R-..])`,
    );
  });

  it('missing-status for an applicable control without one', () => {
    const text = soaText({ '6.3': ['  - id: "6.3"', '    applicable: true', '    risks: [R-01]'] });
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems).toEqual([
      expect.objectContaining({ code: 'missing-status', control: '6.3', line: lineOf(text, 'id: "6.3"') }),
    ]);
  });

  it('missing-treatment for planned and not-implemented, and an incomplete treatment names its field', () => {
    const text = soaText({
      '7.4': ['  - id: "7.4"', '    applicable: true', '    status: planned'],
      '7.5': ['  - id: "7.5"', '    applicable: true', '    status: not-implemented'],
      '7.6': ['  - id: "7.6"', '    applicable: true', '    status: planned', '    treatment: { owner: it }'],
    });
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems.map((problem) => [problem.code, problem.control, problem.line])).toEqual([
      ['missing-treatment', '7.4', lineOf(text, 'id: "7.4"') + 2],
      ['missing-treatment', '7.5', lineOf(text, 'id: "7.5"') + 2],
      ['missing-field', '7.6', lineOf(text, 'treatment: { owner: it }')],
    ]);
    expect(problems[2]?.message).toContain('treatment.due');
  });

  it('unknown-control for an id outside Annex A 2022, with a hint for 2013 ids', () => {
    const text = soaText({}, ['  - id: "9.4.2"', '    applicable: false', '    justification: old']);
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'unknown-control', line: lineOf(text, '9.4.2') });
    expect(problems[0]?.control).toBeUndefined();
    expect(problems[0]?.message).toContain('2013');
  });

  it('unknown-key names the key, at the key, for controls and for the document', () => {
    const text = soaText({
      '5.1': ['  - id: "5.1"', '    applicable: false', '    reason: not needed', '    justification: x'],
    }).replace('version:', 'colour: blue\nversion:');
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems.map((problem) => [problem.code, problem.control, problem.line])).toEqual([
      ['unknown-key', undefined, lineOf(text, 'colour')],
      ['unknown-key', '5.1', lineOf(text, 'reason:')],
    ]);
    expect(problems[0]?.message).toContain('"colour"');
    expect(problems[1]?.message).toContain('"reason"');
  });

  it('invalid-field names the field with the wrong type', () => {
    const text = soaText({
      '5.9': ['  - id: "5.9"', '    applicable: yes please', '    justification: x'],
      '5.10': ['  - id: "5.10"', '    applicable: true', '    status: done', '    risks: [R-01]'],
    });
    const problems = parseSoa(text, 'soa.yaml').problems;
    expect(problems.map((problem) => [problem.code, problem.control, problem.line])).toEqual([
      ['invalid-field', '5.9', lineOf(text, 'yes please')],
      ['invalid-field', '5.10', lineOf(text, 'status: done')],
    ]);
    expect(problems[0]?.message).toMatch(/^applicable expected true or false/);
    expect(problems[1]?.message).toContain('implemented, partial, planned, not-implemented');
  });

  it('unknown-risk only when a register is given, at the risk item', () => {
    const text = soaText({
      '8.5': ['  - id: "8.5"', '    applicable: true', '    status: implemented', '    risks: [R-01, R-99]'],
    });
    expect(parseSoa(text, 'soa.yaml').problems).toEqual([]);
    const risks = { risks: ['R-01', 'R-02', 'R-03'].map((id) => ({ id, title: `risk ${id}` })) };
    const problems = parseSoa(text, 'soa.yaml', { risks }).problems;
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown-risk', control: '8.5', line: lineOf(text, 'R-99') }),
    ]);
    expect(problems[0]?.message).toContain('R-99');
  });

  it('control-id-not-a-string for an unquoted id, never read as 8.1', () => {
    const text = soaText({
      '8.10': ['  - id: 8.10', '    applicable: false', '    justification: nothing to delete'],
    });
    const soa = parseSoa(text, 'soa.yaml');
    expect(soa.problems).toEqual([
      expect.objectContaining({
        code: 'control-id-not-a-string',
        control: '8.10',
        line: lineOf(text, 'id: 8.10'),
      }),
    ]);
    expect(soa.problems[0]?.message).toContain('id: "8.10"');
    expect(soa.controls.get('8.1')?.line).toBe(lineOf(text, 'id: "8.1"'));
    expect(soa.controls.get('8.10')?.justification).toBe('nothing to delete');
  });

  it('invalid-control-entry for a list item that is not a mapping', () => {
    const text = soaText({}, ['  - just text']);
    expect(parseSoa(text, 'soa.yaml').problems).toEqual([
      expect.objectContaining({ code: 'invalid-control-entry', line: lineOf(text, 'just text') }),
    ]);
  });

  it('missing-field for a missing organization or control id, without throwing', () => {
    const text = soaText({}, ['  - applicable: true']).replace('organization: Acme Ltd\n', '');
    const soa = parseSoa(text, 'soa.yaml');
    expect(soa.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['missing-field', 1],
      ['missing-field', lineOf(text, '- applicable: true')],
      ['missing-status', lineOf(text, '- applicable: true')],
    ]);
    expect(soa.document.organization).toBe('');
  });

  it('uses only codes from the published list', () => {
    const text = soaText({
      '5.1': ['  - id: 5.1'],
      '5.2': ['  - 3'],
      '5.3': ['  - id: "5.3"', '    applicable: 1'],
    });
    for (const problem of parseSoa(text, 'soa.yaml').problems)
      expect(SOA_PROBLEM_CODES).toContain(problem.code);
  });
});

describe('parseSoa: unusable files throw soa-invalid', () => {
  it.each([
    ['a YAML syntax error', 'organization: Acme\nversion: "1"\ncontrols: [\n  - id: 1\n', 4],
    ['a duplicate key', 'organization: Acme\norganization: Beta\ncontrols: []\n', 2],
    ['a top level that is a list', '- id: "8.5"\n', 1],
    ['an empty file', '', 1],
    ['controls that is not a list', 'organization: Acme\nversion: "1"\ncontrols:\n  id: "8.5"\n', 4],
    ['no controls at all', 'organization: Acme\nversion: "1"\n', 1],
  ])('%s', (_label, text, line) => {
    const error = catchInputError(() => parseSoa(text, 'my/soa.yaml'));
    expect(error.code).toBe('soa-invalid');
    expect(error.problems[0]?.location).toMatchObject({ file: 'my/soa.yaml', line });
  });
});

describe('generateSoaTemplate', () => {
  const text = generateSoaTemplate({ organization: 'Acme: "Ltd" # 1' });
  const soa = parseSoa(text, 'soa.yaml');

  it('lists all 93 controls in order, with their titles as comments', () => {
    expect([...soa.controls.keys()]).toEqual(catalog.map((control) => control.id));
    const ids = [...text.matchAll(/^ {2}- id: "([\d.]+)"$/gm)].map((match) => match[1]);
    expect(ids).toEqual(catalog.map((control) => control.id));
    for (const control of catalog) expect(text).toContain(`# ${control.id} ${control.title}\n`);
    expect(soa.document.organization).toBe('Acme: "Ltd" # 1');
  });

  it('parses, but reports one placeholder problem per control until it is filled in', () => {
    expect(soa.problems).toHaveLength(93);
    expect(new Set(soa.problems.map((problem) => problem.code))).toEqual(new Set(['placeholder']));
    expect(soa.problems.map((problem) => problem.control)).toEqual(catalog.map((control) => control.id));
    const filled = text
      .replace(/justification: "TODO[^"]*"/g, 'justification: "Risk R-01"')
      .replace(/owner: "TODO[^"]*"/g, 'owner: "it@acme.example"')
      .replace(/due: "TODO[^"]*"/g, 'due: "2027-01-31"');
    const done = parseSoa(filled, 'soa.yaml');
    expect(done.problems).toEqual([]);
    expect(done.controls.get('8.5')?.treatment).toEqual({ owner: 'it@acme.example', due: '2027-01-31' });
  });

  it('reports a placeholder organization too', () => {
    const problems = parseSoa(generateSoaTemplate({ organization: ' ' }), 'soa.yaml').problems;
    expect(problems[0]).toMatchObject({ code: 'placeholder', line: lineOf(text, 'organization:') });
    expect(problems[0]?.control).toBeUndefined();
  });
});

describe('parseSoa: fuzzing', () => {
  it('arbitrary text never throws anything but InputError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        try {
          parseSoa(text, 'fuzz.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('documents built from valid and invalid fragments always give problems with lines inside the file', () => {
    const id = fc.oneof(
      fc.constantFrom(...catalog.map((control) => `"${control.id}"`)),
      fc.constantFrom('8.10', '5.1', '"9.9"', '"A.8.5"', '[1]', '{}', 'null', '""'),
    );
    const field = fc.constantFrom(
      'applicable: true',
      'applicable: false',
      'applicable: maybe',
      'status: implemented',
      'status: planned',
      'status: done',
      'justification: because',
      'justification: ""',
      'justification: TODO',
      'risks: [R-01]',
      'risks: []',
      'risks: R-01',
      'risks: [1, {}]',
      'owner: me',
      'treatment: { owner: it, due: 2027-01-01 }',
      'treatment: { owner: it }',
      'treatment: { due: 2027-02-30, extra: 1 }',
      'treatment: 5',
      'colour: red',
    );
    const entry = fc.oneof(
      fc
        .tuple(id, fc.uniqueArray(field, { maxLength: 5, selector: (f) => f.split(':')[0] }))
        .map(([controlId, fields]) => [`  - id: ${controlId}`, ...fields.map((f) => `    ${f}`)].join('\n')),
      fc.constantFrom('  - 42', '  - [a, b]', '  - "text"', '  -'),
    );
    const head = fc.subarray([
      'organization: Acme',
      'version: 2026.1',
      'version: "1"',
      'approvedAt: 2026-13-01',
      'x: 1',
    ]);
    fc.assert(
      fc.property(head, fc.array(entry, { minLength: 1, maxLength: 30 }), (headLines, entries) => {
        const keys = new Set<string>();
        const uniqueHead = headLines.filter((line) => {
          const key = line.split(':')[0] ?? '';
          if (keys.has(key)) return false;
          keys.add(key);
          return true;
        });
        const text = `${[...uniqueHead, 'controls:', ...entries].join('\n')}\n`;
        const soa = parseSoa(text, 'frag.yaml');
        expect(soa.problems.length).toBeGreaterThan(0);
        const lines = text.split('\n').length;
        for (const problem of soa.problems) {
          expect(problem.file).toBe('frag.yaml');
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('loadSoa and loadRiskRegister', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'annexa-soa-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes the bytes of the file and checks risks against the register', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(soaText().replace('R-03', 'R-77')),
    ]);
    await writeFile(join(dir, 'soa.yaml'), bytes);
    await writeFile(
      join(dir, 'risks.yaml'),
      'risks:\n  - { id: R-01, title: Phishing }\n  - { id: R-02, title: Outage }\n  - { id: R-03, title: Loss }\n',
    );
    const soa = await loadSoa(join(dir, 'soa.yaml'), { risksFile: join(dir, 'risks.yaml') });
    expect(soa.id).toBe(sha256Id(bytes));
    expect(soa.problems.length).toBeGreaterThan(0);
    expect(new Set(soa.problems.map((problem) => problem.code))).toEqual(new Set(['unknown-risk']));
  });

  it('names a missing file', async () => {
    await expect(loadSoa(join(dir, 'nope.yaml'))).rejects.toMatchObject({
      code: 'soa-invalid',
      message: expect.stringContaining('nope.yaml'),
    });
    await expect(loadRiskRegister(join(dir, 'none.yaml'))).rejects.toBeInstanceOf(InputError);
  });

  it('rejects duplicate and malformed risks with their lines', () => {
    const text = 'risks:\n  - id: R-01\n    title: a\n  - id: R-01\n    title: b\n  - id: R-02\n';
    const error = catchInputError(() => parseRiskRegister(text, 'risks.yaml'));
    expect(error.code).toBe('risks-invalid');
    expect(error.problems).toEqual([expect.objectContaining({ path: 'risks[2].title' })]);
    const duplicate = catchInputError(() =>
      parseRiskRegister(text.replace('  - id: R-02\n', ''), 'risks.yaml'),
    );
    expect(duplicate.problems).toEqual([
      expect.objectContaining({ location: expect.objectContaining({ line: 4 }), path: 'risks[1].id' }),
    ]);
  });
});
