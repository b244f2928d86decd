import { type ControlId, parseControlId } from '../catalog/catalog.js';
import { formatYamlPath, type YamlPath } from '../yaml/yaml-path.js';
import type { YamlSource } from '../yaml/yaml-source.js';
import { describeYamlType, describeZodIssues } from '../yaml/zod-problems.js';
import { type SoaControlEntry, type SoaProblem, soaControlSchema, treatmentSchema } from './soa-model.js';
import { findPlaceholders, isPlaceholder } from './soa-placeholder.js';
import type { SoaProblemCode } from './soa-problem-codes.js';

const CONTROL_KEYS = Object.keys(soaControlSchema.shape);
const TREATMENT_KEYS = Object.keys(treatmentSchema.shape);
/** The optional fields kept field by field, so one bad field does not hide the rest of the entry. */
const SALVAGED_FIELDS = [
  'status',
  'justification',
  'risks',
  'owner',
  'treatment',
  'implementation',
] as const satisfies readonly (keyof SoaControlEntry)[];

export interface CheckedControl {
  /** The canonical id when the entry names a control (even with problems), to count it as present. */
  id?: ControlId;
  /** The entry as far as it is usable: only when id and `applicable` are valid. Placeholders are left out. */
  entry?: SoaControlEntry;
  line: number;
  problems: SoaProblem[];
}

interface ControlContext {
  source: YamlSource;
  riskIds: ReadonlySet<string> | undefined;
}

/** Checks one `controls[index]` entry: its shape field by field, then the rules between fields. */
export function checkControl(raw: unknown, index: number, context: ControlContext): CheckedControl {
  const { source } = context;
  const at: YamlPath = ['controls', index];
  const line = source.locate(at).line;
  const problems: SoaProblem[] = [];
  let control: ControlId | undefined;
  const report = (code: SoaProblemCode, message: string, path: YamlPath = at, key = false): void => {
    problems.push({
      code,
      message,
      file: source.file,
      line: source.locate(path, { key }).line,
      ...(control === undefined ? {} : { control }),
    });
  };

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    report(
      'invalid-control-entry',
      `each item of controls must be a mapping (id, applicable, status, ...), got ${describeYamlType(raw)}`,
    );
    return { line, problems };
  }
  const fields = raw as Record<string, unknown>;

  const id = readControlId(fields.id, [...at, 'id'], source);
  control = id.control;
  if (id.problem) report(id.problem.code, id.problem.message, fields.id === undefined ? at : [...at, 'id']);

  const placeholders = findPlaceholders(fields);
  const firstPlaceholder = placeholders[0];
  if (firstPlaceholder) {
    report(
      'placeholder',
      `still holds template text in ${placeholders.map((path) => formatYamlPath(path)).join(', ')}: fill it in`,
      [...at, ...firstPlaceholder],
    );
  }
  const insidePlaceholder = (path: YamlPath): boolean =>
    placeholders.some((placeholder) => placeholder.every((segment, i) => path[i + 2] === segment));

  // The id was judged above; a stand-in keeps zod from reporting it a second time.
  const shape = soaControlSchema.safeParse({ ...fields, id: '' });
  for (const problem of shape.success
    ? []
    : describeZodIssues(shape.error.issues, source, { at, input: fields })) {
    if (insidePlaceholder(problem.path)) continue;
    const parent = problem.path.length - at.length === 1 ? CONTROL_KEYS : TREATMENT_KEYS;
    const message =
      problem.kind === 'unknown-key'
        ? `${problem.message} (known keys: ${parent.join(', ')})`
        : `${formatYamlPath(problem.path.slice(at.length))} ${problem.message}`;
    report(problem.kind, message, problem.path, problem.kind === 'unknown-key');
  }

  const applicable = fields.applicable;
  if (typeof applicable !== 'boolean') return { ...optionalId(control), line, problems };

  const status = soaControlSchema.shape.status.safeParse(fields.status).data;
  if (!applicable) {
    const justification = fields.justification;
    if (justification === undefined || (typeof justification === 'string' && justification.trim() === ''))
      report(
        'exclusion-without-justification',
        'excluded control (applicable: false) needs a justification: say why it does not apply',
        [...at, 'justification'],
      );
  } else if (fields.status === undefined) {
    report(
      'missing-status',
      'applicable control has no status (status: implemented | partial | planned | not-implemented)',
    );
  } else if (status === 'implemented' || status === 'partial') {
    const risks = fields.risks;
    if (risks === undefined || (Array.isArray(risks) && risks.length === 0))
      report(
        'implemented-without-risk',
        `${status === 'partial' ? 'partially implemented' : 'implemented'} control names no risk (add risks: [R-..])`,
        [...at, risks === undefined ? 'status' : 'risks'],
      );
  } else if ((status === 'planned' || status === 'not-implemented') && fields.treatment === undefined) {
    report(
      'missing-treatment',
      `${status} control has no treatment plan (add treatment: { owner: ..., due: YYYY-MM-DD })`,
      [...at, 'status'],
    );
  }

  if (context.riskIds && Array.isArray(fields.risks)) {
    for (const [riskIndex, risk] of fields.risks.entries()) {
      if (typeof risk === 'string' && !isPlaceholder(risk) && !context.riskIds.has(risk))
        report('unknown-risk', `risk "${risk}" is not in the risk register`, [...at, 'risks', riskIndex]);
    }
  }

  if (control === undefined) return { line, problems };
  const entry: SoaControlEntry = { id: control, applicable };
  for (const key of SALVAGED_FIELDS) {
    if (fields[key] === undefined || placeholders.some((path) => path[0] === key)) continue;
    const parsed = soaControlSchema.shape[key].safeParse(fields[key]);
    if (parsed.success && parsed.data !== undefined) Object.assign(entry, { [key]: parsed.data });
  }
  return { id: control, entry, line, problems };
}

function optionalId(control: ControlId | undefined): { id?: ControlId } {
  return control === undefined ? {} : { id: control };
}

interface ReadId {
  control?: ControlId;
  problem?: { code: SoaProblemCode; message: string };
}

/**
 * The canonical id of an entry. YAML reads an unquoted `8.10` as the number 8.1, so a number is always a
 * problem; the id is then taken from the text as written (never from the number), so the entry still counts.
 */
function readControlId(raw: unknown, path: YamlPath, source: YamlSource): ReadId {
  if (raw === undefined)
    return { problem: { code: 'missing-field', message: 'control entry has no id (id: "8.5")' } };
  if (typeof raw === 'number') {
    const written = source.sourceText(path) ?? String(raw);
    const readAs = written === String(raw) ? 'is a number' : `is read by YAML as the number ${raw}`;
    const control = parseControlId(written);
    return {
      ...(control === undefined ? {} : { control }),
      problem: {
        code: 'control-id-not-a-string',
        message: `id ${written} ${readAs}: quote it (id: "${written}")`,
      },
    };
  }
  if (typeof raw !== 'string')
    return {
      problem: {
        code: 'invalid-field',
        message: `id must be text such as "8.5", got ${describeYamlType(raw)}`,
      },
    };
  const control = parseControlId(raw);
  if (control !== undefined) return { control };
  const hint = /^\s*(a\.)?\d+\.\d+\.\d+\s*$/i.test(raw)
    ? ': this looks like an ISO 27001:2013 id; use the 2022 numbering (5.1 to 8.34)'
    : ': Annex A 2022 ids run 5.1-5.37, 6.1-6.8, 7.1-7.14 and 8.1-8.34';
  return { problem: { code: 'unknown-control', message: `unknown control id "${raw}"${hint}` } };
}
