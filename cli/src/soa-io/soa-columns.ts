/**
 * The columns of an exported SoA: the ones public SoAs use (shared/reference/soa-columns-seen-in-public-soas.csv),
 * in that order, then the treatment plan, which soa.yaml holds and those SoAs keep elsewhere.
 */
export const SOA_EXPORT_COLUMNS = [
  { key: 'control_id', width: 11 },
  { key: 'title', width: 48 },
  { key: 'theme', width: 15 },
  { key: 'new_in_2022', width: 12 },
  { key: 'applicable', width: 11 },
  { key: 'applicability_reason_codes', width: 16 },
  { key: 'justification', width: 60 },
  { key: 'implementation_status', width: 18 },
  { key: 'implementation_description', width: 48 },
  { key: 'owner', width: 24 },
  { key: 'linked_risk_ids', width: 18 },
  { key: 'policy_refs', width: 18 },
  { key: 'evidence_refs', width: 18 },
  { key: 'evidence_last_collected_at', width: 26 },
  { key: 'automated_checks', width: 36 },
  { key: 'evidence_status', width: 18 },
  { key: 'open_findings', width: 14 },
  { key: 'last_reviewed_at', width: 16 },
  { key: 'reviewer', width: 18 },
  { key: 'soa_version', width: 12 },
  { key: 'treatment_owner', width: 24 },
  { key: 'treatment_due', width: 14 },
  { key: 'treatment_budget', width: 16 },
  { key: 'treatment_notes', width: 36 },
] as const;
export type SoaColumnKey = (typeof SOA_EXPORT_COLUMNS)[number]['key'];

/** The SoA fields an imported sheet can fill. */
export type ImportField =
  | 'controlId'
  | 'applicable'
  | 'justification'
  | 'status'
  | 'implementation'
  | 'owner'
  | 'risks'
  | 'version'
  | 'reviewer'
  | 'reviewedAt'
  | 'treatmentOwner'
  | 'treatmentDue'
  | 'treatmentBudget'
  | 'treatmentNotes';

/**
 * Header names accepted for each field, normalised (see normaliseHeader), best match first: when two
 * columns fit one field, the one whose header comes earlier in this list wins (`Control ID` over `Control`).
 */
export const HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  controlId: [
    'control id',
    'annex a control id',
    'annex a control',
    'annex a reference',
    'control reference',
    'control ref',
    'control no',
    'control number',
    'iso 27001 2022 control',
    'id',
    'ref',
    'reference',
    'control',
  ],
  applicable: [
    'applicable',
    'applicable y n',
    'applicable yes no',
    'applicability',
    'is applicable',
    'included',
    'selected',
  ],
  justification: [
    'justification',
    'reason for inclusion exclusion',
    'justification for inclusion exclusion',
    'reason for inclusion or exclusion',
    'justification for inclusion or exclusion',
    'justification for exclusion',
    'reason for selection',
    'rationale',
    'reason',
  ],
  status: ['implementation status', 'status', 'implemented', 'implemented y n', 'implementation state'],
  implementation: [
    'implementation description',
    'implementation details',
    'how implemented',
    'implementation',
    'description of implementation',
  ],
  owner: ['owner', 'control owner', 'responsible', 'responsibility'],
  risks: [
    'linked risk ids',
    'linked risks',
    'risk ids',
    'risks',
    'related risks',
    'risk references',
    'risk id',
  ],
  version: ['soa version', 'version'],
  reviewer: ['reviewer', 'reviewed by', 'approved by'],
  reviewedAt: [
    'last reviewed at',
    'last reviewed',
    'reviewed at',
    'review date',
    'approved at',
    'approval date',
  ],
  treatmentOwner: ['treatment owner'],
  treatmentDue: ['treatment due', 'due date', 'target date'],
  treatmentBudget: ['treatment budget', 'budget'],
  treatmentNotes: ['treatment notes'],
};

/** `Applicable (Y/N)` → `applicable y n`; `control_id` → `control id`. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
