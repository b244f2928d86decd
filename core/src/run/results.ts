import { z } from 'zod';
import { isControlId } from '../catalog/catalog.js';
import { contentIdSchema } from '../evidence/evidence.js';
import { CHECK_STATUSES, SEVERITIES } from '../sdk/check.js';

export const RESULTS_SCHEMA = 'annexa.results/v1';

/** One check's verdict on one resource of one connector instance. */
export const checkResultSchema = z
  .object({
    check: z.string().describe('check id, e.g. github_org_2fa_required'),
    instance: z.string().describe('connector instance name'),
    resource: z.string(),
    status: z.enum(CHECK_STATUSES),
    severity: z.enum(SEVERITIES),
    message: z.string(),
    controls: z.array(z.string().refine(isControlId)).describe('controls the check is mapped to'),
    evidence: z.array(contentIdSchema).describe('ids of the evidence the result rests on'),
  })
  .strict();
export type CheckResult = z.infer<typeof checkResultSchema>;

export const resultsDocumentSchema = z
  .object({
    schema: z.literal(RESULTS_SCHEMA),
    evaluatedAt: z.iso.datetime({ precision: 3 }),
    results: z.array(checkResultSchema),
  })
  .strict();
export type ResultsDocument = z.infer<typeof resultsDocumentSchema>;
