import { z } from 'zod';
import { contentIdSchema } from '../evidence/evidence.js';
import { SEVERITIES } from '../sdk/check.js';
import { SOA_STATUSES } from '../soa/soa-model.js';

export const DRIFT_SCHEMA = 'annexa.drift/v1';

/** The ways the SoA and the evidence can disagree, in the order a report lists them within a control. */
export const DRIFT_KINDS = [
  'failing',
  'contradicted-exclusion',
  'unevidenced',
  'stale',
  'understated',
  'soa-incomplete',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

const count = z.number().int().nonnegative();

export const driftFindingSchema = z
  .object({
    fingerprint: contentIdSchema.describe(
      'sha256 over the kind, the control and the sorted check ids and resources involved: the same drift seen by a later run has the same fingerprint, so alerts can be deduplicated',
    ),
    control: z
      .string()
      .optional()
      .describe(
        'Annex A 2022 control id as printed, e.g. 8.5; absent for an SoA problem that concerns no single control',
      ),
    controlTitle: z.string().optional().describe('the control title from the Annex A 2022 catalog'),
    kind: z
      .enum(DRIFT_KINDS)
      .describe(
        'failing: the SoA claims the control, a mapped check fails. contradicted-exclusion: the SoA excludes the control, a connector sees assets it covers. unevidenced: the SoA says implemented, but no mapped check of a configured connector could assess it. stale: the SoA claims the control, the newest evidence bearing on it has expired. understated: the SoA says planned or not implemented, every mapped check passes. soa-incomplete: the SoA itself breaks a rule of clause 6.1.3',
      ),
    severity: z
      .enum(SEVERITIES)
      .describe(
        'failing: the highest severity of the failing checks; contradicted-exclusion: high; unevidenced, stale and soa-incomplete: medium; understated: info',
      ),
    message: z
      .string()
      .describe('one or two sentences: what the SoA claims, what the evidence shows, and how to resolve it'),
    soa: z
      .object({
        applicable: z
          .boolean()
          .nullable()
          .describe('whether the SoA declares the control applicable; null when it has no entry for it'),
        status: z
          .enum(SOA_STATUSES)
          .nullable()
          .describe('the implementation status the SoA claims; null when it states none'),
        line: z
          .number()
          .int()
          .positive()
          .nullable()
          .describe('line of the entry (or of the problem) in the SoA file, when known'),
      })
      .strict()
      .describe('what the SoA says about the control'),
    checks: z
      .array(z.string())
      .describe('ids of the checks behind the finding (the failing ones for failing), sorted'),
    evidence: z.array(contentIdSchema).describe('ids of the evidence records the finding rests on, sorted'),
    resources: z
      .object({
        items: z
          .array(z.string())
          .describe(
            'resources involved, sorted and capped: failing resources for failing, passing ones for understated, the assets seen for contradicted-exclusion, instance/collector for stale, the unassessed resources for unevidenced',
          ),
        total: count.describe('how many there are in all; more than items.length when capped'),
      })
      .strict(),
  })
  .strict();
export type DriftFinding = z.infer<typeof driftFindingSchema>;

const countsOf = <Keys extends readonly [string, ...string[]]>(keys: Keys, what: string) =>
  z.record(z.enum(keys), count).describe(`number of findings of each ${what}, every ${what} listed`);

export const driftReportSchema = z
  .object({
    schema: z.literal(DRIFT_SCHEMA),
    evaluatedAt: z.iso
      .datetime({ precision: 3 })
      .describe(
        'the time the evidence was judged against (RFC 3339 UTC, milliseconds); evidence expired at it is stale',
      ),
    soa: z
      .object({
        file: z.string().describe('the SoA file, as given'),
        organization: z.string(),
        version: z.string().describe('the version the SoA document states'),
        id: contentIdSchema.describe('sha256 of the SoA file bytes'),
      })
      .strict()
      .describe('the SoA the evidence was compared with'),
    summary: z
      .object({
        findings: count.describe('number of findings'),
        byKind: countsOf(DRIFT_KINDS, 'kind'),
        bySeverity: countsOf(SEVERITIES, 'severity'),
        controls: z
          .object({
            claimed: count.describe('controls the SoA declares applicable and implemented or partial'),
            evidenced: count.describe(
              'claimed controls with at least one pass or fail result of a mapped check',
            ),
            notEvidenced: count.describe(
              'claimed controls no check result speaks to (manual, or not assessable)',
            ),
          })
          .strict(),
      })
      .strict(),
    findings: z
      .array(driftFindingSchema)
      .describe('sorted by severity (critical first), then control (numeric order), then kind'),
  })
  .strict();
export type DriftReport = z.infer<typeof driftReportSchema>;

/** True when the report holds drift that should fail a pipeline: any finding but `understated`. */
export function hasBlockingDrift(report: Pick<DriftReport, 'findings'>): boolean {
  return report.findings.some((finding) => finding.kind !== 'understated');
}
