import { type ControlId, controls as catalog } from '../catalog/catalog.js';
import { InputError } from '../errors/errors.js';
import { sha256Id } from '../evidence/canonical-json.js';
import { formatYamlPath } from '../yaml/yaml-path.js';
import { parseYamlSource, type YamlSource } from '../yaml/yaml-source.js';
import { describeYamlType, describeZodIssues } from '../yaml/zod-problems.js';
import { checkControl } from './soa-control.js';
import {
  type RiskRegister,
  type Soa,
  type SoaControlEntry,
  type SoaDocument,
  type SoaProblem,
  soaDocumentSchema,
} from './soa-model.js';
import { findPlaceholders } from './soa-placeholder.js';

export interface ParseSoaOptions {
  /** When given, every risk id the SoA names must be in it (`unknown-risk`). */
  risks?: RiskRegister;
}

const headSchema = soaDocumentSchema.omit({ controls: true });
const HEAD_KEYS = [...Object.keys(soaDocumentSchema.shape)];

/**
 * Parses soa.yaml. Only a file that cannot be read as an SoA at all (YAML syntax, duplicate keys, a top level
 * that is not a mapping, `controls` missing or not a list) throws InputError `soa-invalid`; every other
 * problem is collected in `problems` with its line, so `soa check` can list them all at once.
 */
export function parseSoa(text: string, file: string, options: ParseSoaOptions = {}): Soa {
  return parseSoaText(text, file, sha256Id(text), options);
}

/** parseSoa with the id computed by the caller (loadSoa hashes the file's bytes, not the decoded text). */
export function parseSoaText(
  text: string,
  file: string,
  id: `sha256:${string}`,
  options: ParseSoaOptions = {},
): Soa {
  const source = parseYamlSource(text, file, 'soa-invalid');
  const root = source.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new InputError('soa-invalid', [
      {
        location: { file, ...source.locate([]) },
        message: `an SoA is a mapping with organization, version and controls, but this file holds ${describeYamlType(root)} (run \`annexa init\` for a template)`,
      },
    ]);
  }
  const fields = root as Record<string, unknown>;
  if (!Array.isArray(fields.controls)) {
    throw new InputError('soa-invalid', [
      {
        location: { file, ...source.locate(['controls']) },
        path: 'controls',
        message:
          fields.controls === undefined
            ? 'the SoA has no `controls:` list (run `annexa init` for a template listing all 93)'
            : `must be a list of controls, got ${describeYamlType(fields.controls)}`,
      },
    ]);
  }

  const problems: SoaProblem[] = [];
  const head = readHead(fields, source, problems);

  const riskIds = options.risks ? new Set(options.risks.risks.map((risk) => risk.id)) : undefined;
  const entries = new Map<string, SoaControlEntry & { line?: number }>();
  const firstLine = new Map<ControlId, number>();
  for (const [index, raw] of fields.controls.entries()) {
    const checked = checkControl(raw, index, { source, riskIds });
    problems.push(...checked.problems);
    if (checked.id === undefined) continue;
    const seenAt = firstLine.get(checked.id);
    if (seenAt !== undefined) {
      problems.push({
        code: 'duplicate-control',
        message: `listed again (first at line ${seenAt}): keep one entry`,
        file,
        line: source.locate(['controls', index, 'id']).line,
        control: checked.id,
      });
      continue;
    }
    firstLine.set(checked.id, checked.line);
    if (checked.entry) entries.set(checked.id, { ...checked.entry, line: checked.line });
  }

  const controlsLine = source.locate(['controls'], { key: true }).line;
  for (const control of catalog) {
    if (!firstLine.has(control.id))
      problems.push({
        code: 'missing-control',
        message: `missing: every Annex A control must be listed, applicable or not (${control.title})`,
        file,
        line: controlsLine,
        control: control.id,
      });
  }

  const document: SoaDocument = {
    ...head,
    controls: [...entries.values()].map(({ line: _line, ...entry }) => entry),
  };
  return { file, document, controls: entries, id, problems };
}

/**
 * The fields above `controls`. A bad one is a problem, not an exception; the document then carries an
 * empty string for a missing organization or version so the rest of the SoA can still be used.
 */
function readHead(
  fields: Record<string, unknown>,
  source: YamlSource,
  problems: SoaProblem[],
): Omit<SoaDocument, 'controls'> {
  const { controls: _controls, ...rest } = fields;
  const placeholders = findPlaceholders(rest);
  for (const path of placeholders) {
    problems.push({
      code: 'placeholder',
      message: `${formatYamlPath(path)} still holds template text: fill it in`,
      file: source.file,
      line: source.locate(path).line,
    });
  }
  const parsed = headSchema.safeParse(rest);
  if (!parsed.success) {
    for (const problem of describeZodIssues(parsed.error.issues, source, { input: rest })) {
      if (placeholders.some((path) => path[0] === problem.path[0])) continue;
      problems.push({
        code: problem.kind,
        message:
          problem.kind === 'unknown-key'
            ? `${problem.message} (known keys: ${HEAD_KEYS.join(', ')})`
            : `${formatYamlPath(problem.path)} ${problem.message}`,
        file: source.file,
        line: problem.position.line,
      });
    }
  }
  const field = <K extends keyof typeof headSchema.shape>(key: K) =>
    headSchema.shape[key].safeParse(rest[key]).data;
  const approvedBy = field('approvedBy');
  const approvedAt = field('approvedAt');
  return {
    organization: field('organization') ?? '',
    version: field('version') ?? '',
    ...(approvedBy === undefined ? {} : { approvedBy }),
    ...(approvedAt === undefined ? {} : { approvedAt }),
  };
}
