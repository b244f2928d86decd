import { controls as catalog } from '../catalog/catalog.js';
import { SOA_PLACEHOLDER } from './soa-placeholder.js';
import { renderSoaYaml } from './soa-yaml-writer.js';

/**
 * The soa.yaml `annexa init` writes: all 93 controls in catalog order, each `applicable: true,
 * status: planned`, with a justification and a treatment plan whose values start with `TODO`.
 *
 * Why this shape: the template must parse (so the user edits a valid file, not a broken one) but must
 * never pass `soa check`. Empty values would trip several rules at once per control (empty owner, invalid
 * date, ...) and read as noise; leaving fields out would hide where they go. A `TODO: ...` value parses,
 * says in place what to write, and produces exactly one `placeholder` problem per control until every
 * TODO of that control is replaced. `planned` is the honest default: nothing is claimed as implemented
 * (which would need risks) and nothing is excluded (which would need a justification) until someone decides.
 */
export function generateSoaTemplate(options: { organization: string }): string {
  const organization =
    options.organization.trim() === '' ? `${SOA_PLACEHOLDER}: your organization` : options.organization;
  return renderSoaYaml(
    {
      organization,
      version: 'draft',
      controls: catalog.map((control) => ({
        id: control.id,
        applicable: true,
        status: 'planned',
        justification: `${SOA_PLACEHOLDER}: why this control is needed (risk, law, contract), or set applicable: false and say why it is excluded`,
        risks: [],
        treatment: { owner: `${SOA_PLACEHOLDER}: who implements it`, due: `${SOA_PLACEHOLDER}: YYYY-MM-DD` },
      })),
    },
    {
      header: [
        'Statement of Applicability (ISO/IEC 27001:2022, clause 6.1.3 d) as code.',
        'Every Annex A control is listed exactly once. Keys of each entry:',
        '  id             the Annex A 2022 control, always quoted ("8.10", not 8.10)',
        '  applicable     true, or false with a justification saying why the control does not apply',
        '  status         implemented | partial | planned | not-implemented (applicable controls)',
        '  justification  why the control is included (risk, law, contract) or excluded',
        '  risks          ids from risks.yaml, e.g. [R-07]; required when implemented or partial',
        '  owner          who runs the control (optional)',
        '  implementation how it is done: policies, procedures (optional)',
        '  treatment      { owner, due: YYYY-MM-DD, budget, notes }; required when planned or not-implemented',
        '',
        `Values starting with ${SOA_PLACEHOLDER} are placeholders: \`annexa soa check\` lists every control`,
        'that still has one. approvedBy and approvedAt record who approved this version, and when:',
        'approvedBy: "CISO"',
        'approvedAt: "2026-10-01"',
        '',
      ],
    },
  );
}
