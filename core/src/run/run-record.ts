import { z } from 'zod';
import { contentIdSchema } from '../evidence/evidence.js';

export const RUN_SCHEMA = 'annexa.run/v1';

const timestamp = z.iso.datetime({ precision: 3 });

/** What happened to one collector of one connector instance in a run. */
export const collectionOutcomeSchema = z
  .object({
    instance: z.string(),
    connectorType: z.string(),
    collector: z.string(),
    collectorVersion: z.string(),
    /** collected: evidence stored; not-assessable: permission/feature missing; error: anything else failed. */
    status: z.enum(['collected', 'not-assessable', 'error']),
    reason: z.string().optional().describe('why it was not collected, in words a user can act on'),
    evidence: contentIdSchema.optional(),
    requests: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
  })
  .strict();
export type CollectionOutcome = z.infer<typeof collectionOutcomeSchema>;

export const runRecordSchema = z
  .object({
    schema: z.literal(RUN_SCHEMA),
    /** 1 for the first run of a locker, then +1. */
    seq: z.number().int().positive(),
    /** id of the previous run record; null only for seq 1. */
    prev: contentIdSchema.nullable(),
    startedAt: timestamp,
    finishedAt: timestamp,
    tool: z.object({ name: z.string(), version: z.string() }).strict(),
    soa: z
      .object({ version: z.string(), id: contentIdSchema.describe('sha256 of the SoA file bytes') })
      .strict()
      .nullable(),
    collections: z.array(collectionOutcomeSchema),
    /** id of the annexa.results/v1 document evaluated at the end of the run. */
    results: contentIdSchema.nullable(),
  })
  .strict();
export type RunRecord = z.infer<typeof runRecordSchema>;

/** What a caller hands the locker; the locker assigns schema, seq and prev under its lock. */
export type RunDraft = Omit<RunRecord, 'schema' | 'seq' | 'prev'>;
