import { z } from 'zod';
import { contentIdSchema } from '../evidence/evidence.js';

export const MONITOR_STATE_SCHEMA = 'annexa.monitor-state/v1';
export const ALERT_SCHEMA = 'annexa.alert/v1';

const timestamp = z.iso.datetime({ precision: 3 });
const runRef = z.object({ seq: z.number().int().positive(), id: contentIdSchema }).strict();
export type RunRef = z.infer<typeof runRef>;

const suppression = z.object({ until: z.string(), approvedBy: z.string(), reason: z.string() }).strict();

/** A drift finding the monitor has seen and not yet seen resolved. */
export const trackedFindingSchema = z
  .object({
    fingerprint: contentIdSchema,
    control: z.string().optional(),
    controlTitle: z.string().optional(),
    kind: z.string(),
    severity: z.string(),
    message: z.string(),
    /** What the SoA claims for the control: `implemented`, `partial`, `not applicable`, ... */
    claim: z.string(),
    checks: z.array(z.string()),
    evidence: z.array(contentIdSchema),
    /** Connector instances whose evidence the finding rests on: only a fresh collection of all of them can resolve it. */
    instances: z.array(z.string()),
    firstSeen: timestamp,
    lastSeen: timestamp,
    firstRun: runRef,
    /** Set while a time-limited exception accepts the finding: no alerts until it lapses. */
    suppressed: suppression.nullable(),
    /** Set while the finding is explained by this connector instance failing (unevidenced or stale meanwhile). */
    explainedBy: z.string().nullable().default(null),
  })
  .strict();
export type TrackedFinding = z.infer<typeof trackedFindingSchema>;

export const ALERT_EVENT_TYPES = [
  'finding-opened',
  'finding-resolved',
  'exception-lapsed',
  'connector-failing',
  'connector-recovered',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export const alertEventSchema = z
  .object({
    type: z.enum(ALERT_EVENT_TYPES),
    at: timestamp,
    run: runRef,
    finding: trackedFindingSchema.optional(),
    instance: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict();
export type AlertEvent = z.infer<typeof alertEventSchema>;

export const monitorStateSchema = z
  .object({
    schema: z.literal(MONITOR_STATE_SCHEMA),
    updatedAt: timestamp,
    lastRun: runRef.nullable(),
    findings: z.record(z.string(), trackedFindingSchema),
    /** Connector instances whose last run did not collect everything, with when that began. */
    failing: z.record(z.string(), z.object({ since: timestamp, reason: z.string() }).strict()),
    digest: z.object({ lastSentAt: timestamp.nullable(), pending: z.array(alertEventSchema) }).strict(),
  })
  .strict();
export type MonitorState = z.infer<typeof monitorStateSchema>;

export function emptyMonitorState(at: Date): MonitorState {
  return {
    schema: MONITOR_STATE_SCHEMA,
    updatedAt: at.toISOString(),
    lastRun: null,
    findings: {},
    failing: {},
    digest: { lastSentAt: null, pending: [] },
  };
}

/** What one delivery to a sink carries: the changes one run saw, or a digest of several (annexa.alert/v1). */
export const alertBatchSchema = z
  .object({
    schema: z.literal(ALERT_SCHEMA),
    kind: z
      .enum(['changes', 'digest'])
      .describe('changes: what one run saw; digest: several runs, summarised'),
    at: timestamp.describe('when the batch was made'),
    run: runRef.describe('the run that made it'),
    organization: z.string().describe("the SoA's organisation, so a shared channel can tell lockers apart"),
    events: z.array(alertEventSchema),
    open: z
      .number()
      .int()
      .nonnegative()
      .describe('findings open after the run (tracked, not accepted by an exception)'),
  })
  .strict();
export type AlertBatch = z.infer<typeof alertBatchSchema>;
