import { z } from 'zod';
import { type ControlId, isControlId } from '../catalog/catalog.js';
import { contentId, type JsonValue } from './canonical-json.js';

export const EVIDENCE_SCHEMA = 'annexa.evidence/v1';

const timestamp = z.iso.datetime({ precision: 3 }).describe('RFC 3339 UTC with milliseconds');
export const contentIdSchema = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/)
  .describe('sha256:<lowercase hex> of the canonical JSON (RFC 8785)');
export type ContentId = `sha256:${string}`;

/** One API request a collector made: enough to retrace it, never headers, bodies or tokens. */
export const provenanceRequestSchema = z
  .object({
    method: z.string(),
    /** Path and query as sent, relative to the API root, e.g. `/orgs/acme/members?filter=2fa_disabled&per_page=100`. */
    path: z.string(),
    status: z.number().int(),
  })
  .strict();
export type ProvenanceRequest = z.infer<typeof provenanceRequestSchema>;

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

export const evidenceRecordSchema = z
  .object({
    schema: z.literal(EVIDENCE_SCHEMA),
    connector: z
      .object({
        instance: z.string().min(1).describe('connector instance name from annexa.yaml'),
        type: z.string().min(1).describe('connector type, e.g. github'),
      })
      .strict(),
    collector: z.object({ id: z.string().min(1), version: z.string().min(1) }).strict(),
    source: z.string().min(1).describe('what was observed, e.g. github.com/orgs/acme'),
    collectedAt: timestamp,
    expiresAt: timestamp.describe('collectedAt plus the collector time-to-live'),
    provenance: z.object({ requests: z.array(provenanceRequestSchema) }).strict(),
    controls: z
      .array(z.string().refine(isControlId, 'not an Annex A 2022 control id'))
      .describe('Annex A controls this evidence bears on'),
    data: jsonValue,
  })
  .strict();

export type EvidenceRecord<Data extends JsonValue = JsonValue> = Omit<
  z.infer<typeof evidenceRecordSchema>,
  'data' | 'controls'
> & { controls: ControlId[]; data: Data };

/** A stored evidence record with its content address. */
export interface Evidence<Data extends JsonValue = JsonValue> {
  id: ContentId;
  record: EvidenceRecord<Data>;
}

/** The id of an evidence record: `sha256:` of its RFC 8785 canonical JSON. */
export function evidenceId(record: EvidenceRecord): ContentId {
  return contentId(record);
}

export function toEvidence<Data extends JsonValue>(record: EvidenceRecord<Data>): Evidence<Data> {
  return { id: evidenceId(record), record };
}

export function isExpired(record: Pick<EvidenceRecord, 'expiresAt'>, at: Date): boolean {
  return Date.parse(record.expiresAt) <= at.getTime();
}
