import { controls as catalog } from '../catalog/catalog.js';

/** One control as it will be written; fields left undefined are not written at all. */
export interface SoaYamlControl {
  id: string;
  applicable?: boolean;
  status?: string;
  justification?: string;
  risks?: readonly string[];
  owner?: string;
  implementation?: string;
  treatment?: { owner?: string; due?: string; budget?: string; notes?: string };
}

export interface SoaYamlDraft {
  organization: string;
  version: string;
  approvedBy?: string;
  approvedAt?: string;
  controls: readonly SoaYamlControl[];
}

const catalogById = new Map<string, (typeof catalog)[number]>(
  catalog.map((control) => [control.id, control]),
);
const THEME_HEADINGS: Readonly<Record<string, string>> = {
  '5': '5 Organizational controls',
  '6': '6 People controls',
  '7': '7 Physical controls',
  '8': '8 Technological controls',
};

/**
 * Writes an SoA as soa.yaml text, each control under a comment with its title. Written by hand, not by a
 * YAML library, so the layout is the one people edit (one block per control) and stays stable; every string
 * is double-quoted, so no value (`8.10`, `no`, `#`, `: `) can change meaning.
 */
export function renderSoaYaml(draft: SoaYamlDraft, options: { header?: readonly string[] } = {}): string {
  const lines: string[] = (options.header ?? []).map((line) => (line === '' ? '#' : `# ${line}`));
  lines.push(`organization: ${yamlQuote(draft.organization)}`, `version: ${yamlQuote(draft.version)}`);
  if (draft.approvedBy !== undefined) lines.push(`approvedBy: ${yamlQuote(draft.approvedBy)}`);
  if (draft.approvedAt !== undefined) lines.push(`approvedAt: ${yamlQuote(draft.approvedAt)}`);
  if (draft.controls.length === 0) lines.push('controls: []');
  else lines.push('controls:');
  let theme: string | undefined;
  for (const control of draft.controls) {
    const known = catalogById.get(control.id);
    const controlTheme = known?.id.split('.')[0];
    if (controlTheme !== undefined && controlTheme !== theme) {
      theme = controlTheme;
      lines.push('', `  # ${THEME_HEADINGS[controlTheme] ?? controlTheme}`);
    }
    if (known) lines.push(`  # ${known.id} ${known.title}`);
    lines.push(`  - id: ${yamlQuote(control.id)}`);
    const field = (key: string, value: string | undefined): void => {
      if (value !== undefined) lines.push(`    ${key}: ${value}`);
    };
    field('applicable', control.applicable === undefined ? undefined : String(control.applicable));
    field('status', control.status === undefined ? undefined : plainOrQuoted(control.status));
    field('justification', optionalQuote(control.justification));
    field('risks', control.risks === undefined ? undefined : `[${control.risks.map(yamlQuote).join(', ')}]`);
    field('owner', optionalQuote(control.owner));
    field('implementation', optionalQuote(control.implementation));
    if (control.treatment !== undefined) {
      const parts = (['owner', 'due', 'budget', 'notes'] as const).flatMap((key) => {
        const value = control.treatment?.[key];
        return value === undefined ? [] : [`${key}: ${yamlQuote(value)}`];
      });
      field('treatment', parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function optionalQuote(value: string | undefined): string | undefined {
  return value === undefined ? undefined : yamlQuote(value);
}

/** Status words are written bare, as people write them; anything else is quoted. */
function plainOrQuoted(value: string): string {
  return /^[a-z][a-z-]*$/.test(value) && !['null', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(value)
    ? value
    : yamlQuote(value);
}

/**
 * A YAML double-quoted scalar. JSON's escaping is valid YAML; characters YAML does not allow raw (C1
 * controls, DEL, BOM, line and paragraph separators, lone surrogates) are escaped as well.
 */
export function yamlQuote(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
