import { z } from 'zod';

/** Implementation status of an applicable control, as the SoA claims it. */
export const SOA_STATUSES = ['implemented', 'partial', 'planned', 'not-implemented'] as const;
export type SoaStatus = (typeof SOA_STATUSES)[number];

const isoDate = z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]);

/** Risk treatment plan for a control that is needed but not yet in place (clause 6.1.3 e). */
export const treatmentSchema = z
  .object({
    owner: z.string().min(1),
    due: isoDate,
    budget: z.string().optional(),
    notes: z.string().optional(),
  })
  .strict();

/**
 * One SoA entry as written in soa.yaml. Shape only: the rules between fields (an exclusion needs a
 * justification, a planned control needs a treatment, ...) are checked by validateSoa, which reports
 * every problem with its line instead of stopping at the first.
 */
export const soaControlSchema = z
  .object({
    id: z.string().describe('Annex A 2022 control id, `8.5` or `A.8.5`'),
    applicable: z.boolean(),
    status: z.enum(SOA_STATUSES).optional(),
    justification: z.string().optional(),
    risks: z.array(z.string()).optional(),
    owner: z.string().optional(),
    treatment: treatmentSchema.optional(),
    /** Free text: how the control is implemented (policy references, procedures). */
    implementation: z.string().optional(),
  })
  .strict();

export const soaDocumentSchema = z
  .object({
    organization: z.string().min(1),
    version: z.string().min(1),
    approvedBy: z.string().optional(),
    approvedAt: isoDate.optional(),
    controls: z.array(soaControlSchema),
  })
  .strict();

export type SoaControlEntry = z.infer<typeof soaControlSchema>;
export type SoaDocument = z.infer<typeof soaDocumentSchema>;
export type Treatment = z.infer<typeof treatmentSchema>;

/** risks.yaml: the risk register entries the SoA may reference. */
export const riskRegisterSchema = z
  .object({
    risks: z.array(
      z
        .object({
          id: z.string().min(1),
          title: z.string().min(1),
          owner: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type RiskRegister = z.infer<typeof riskRegisterSchema>;

/** A problem with the SoA itself (clause 6.1.3 d/e); drift reports each as `soa-incomplete`. */
export interface SoaProblem {
  /** Stable code, e.g. `missing-control`, `duplicate-control`, `exclusion-without-justification`. */
  code: string;
  message: string;
  file: string;
  line?: number;
  /** The control concerned, printed as `8.5`, when there is one. */
  control?: string;
}

/** A parsed SoA with control ids normalised (`A.8.5` → `8.5`) and where each entry was written. */
export interface Soa {
  file: string;
  document: SoaDocument;
  /** Entries keyed by canonical control id (first occurrence wins; duplicates are problems). */
  controls: ReadonlyMap<string, SoaControlEntry & { line?: number }>;
  /** sha256:<hex> of the file's bytes: which SoA version was in force for a run. */
  id: `sha256:${string}`;
  problems: SoaProblem[];
}
