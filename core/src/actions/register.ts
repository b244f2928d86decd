import { z } from 'zod';
import { contentIdSchema } from '../evidence/evidence.js';
import type { RunRef, TrackedFinding } from '../monitor/monitor-state.js';

export const REGISTER_SCHEMA = 'annexa.actions/v1';

const timestamp = z.iso.datetime({ precision: 3 });
const runRef = z.object({ seq: z.number().int().positive(), id: contentIdSchema }).strict();

export const ANNOTATION_FIELDS = ['root-cause', 'corrective-action', 'note'] as const;
export type AnnotationField = (typeof ANNOTATION_FIELDS)[number];

/** One nonconformity (clause 10.1): a drift episode from the run that first saw it to the run that saw it resolved. */
export const nonconformitySchema = z
  .object({
    id: z.string().regex(/^NC-\d{4,}$/),
    fingerprint: contentIdSchema,
    control: z.string().optional(),
    controlTitle: z.string().optional(),
    kind: z.string(),
    severity: z.string(),
    message: z.string(),
    checks: z.array(z.string()),
    /** The evidence that showed the nonconformity when it was opened. */
    evidence: z.array(contentIdSchema),
    status: z.enum(['open', 'closed']),
    openedAt: timestamp,
    openedRun: runRef,
    /** Set only by a run whose fresh evidence shows the drift resolved, never by hand. */
    closedAt: timestamp.optional(),
    closedRun: runRef.optional(),
    /** Accepted by a time-limited exception when opened (who and why), if so. */
    acceptedBy: z.string().optional(),
    rootCause: z.string().optional(),
    correctiveAction: z.string().optional(),
    annotations: z.array(
      z
        .object({ at: timestamp, by: z.string(), field: z.enum(ANNOTATION_FIELDS), text: z.string() })
        .strict(),
    ),
  })
  .strict();
export type Nonconformity = z.infer<typeof nonconformitySchema>;

export const registerSchema = z
  .object({
    schema: z.literal(REGISTER_SCHEMA),
    next: z.number().int().positive(),
    actions: z.array(nonconformitySchema),
  })
  .strict();
export type ActionRegister = z.infer<typeof registerSchema>;

export function emptyRegister(): ActionRegister {
  return { schema: REGISTER_SCHEMA, next: 1, actions: [] };
}

/**
 * Opens a nonconformity for every newly seen finding and closes the open one of every finding the run saw
 * resolved. Pure. A finding that comes back after it was closed opens a new record: a new episode.
 */
export function updateRegister(
  register: ActionRegister,
  change: { at: Date; run: RunRef; opened: readonly TrackedFinding[]; resolved: readonly TrackedFinding[] },
): { register: ActionRegister; opened: Nonconformity[]; closed: Nonconformity[] } {
  const at = change.at.toISOString();
  let next = register.next;
  const closing = new Set(change.resolved.map((finding) => finding.fingerprint));
  const closed: Nonconformity[] = [];
  const actions = register.actions.map((action) => {
    if (action.status !== 'open' || !closing.has(action.fingerprint)) return action;
    const done: Nonconformity = { ...action, status: 'closed', closedAt: at, closedRun: change.run };
    closed.push(done);
    return done;
  });
  const alreadyOpen = new Set(actions.filter((a) => a.status === 'open').map((a) => a.fingerprint));
  const opened: Nonconformity[] = [];
  for (const finding of change.opened) {
    if (alreadyOpen.has(finding.fingerprint)) continue;
    const action: Nonconformity = {
      id: `NC-${String(next++).padStart(4, '0')}`,
      fingerprint: finding.fingerprint,
      ...(finding.control === undefined ? {} : { control: finding.control }),
      ...(finding.controlTitle === undefined ? {} : { controlTitle: finding.controlTitle }),
      kind: finding.kind,
      severity: finding.severity,
      message: finding.message,
      checks: finding.checks,
      evidence: finding.evidence,
      status: 'open',
      openedAt: at,
      openedRun: change.run,
      ...(finding.suppressed
        ? {
            acceptedBy: `${finding.suppressed.approvedBy} until ${finding.suppressed.until}: ${finding.suppressed.reason}`,
          }
        : {}),
      annotations: [],
    };
    opened.push(action);
    actions.push(action);
  }
  return { register: { ...register, next, actions }, opened, closed };
}

/** Records a person's root cause, corrective action or note. Never opens or closes anything. */
export function annotateAction(
  register: ActionRegister,
  id: string,
  annotation: { at: Date; by: string; field: AnnotationField; text: string },
): ActionRegister {
  const index = register.actions.findIndex((action) => action.id === id.toUpperCase());
  const action = register.actions[index];
  if (!action) throw new RangeError(`no corrective action ${id}`);
  const entry = {
    at: annotation.at.toISOString(),
    by: annotation.by,
    field: annotation.field,
    text: annotation.text,
  };
  const updated: Nonconformity = {
    ...action,
    ...(annotation.field === 'root-cause' ? { rootCause: annotation.text } : {}),
    ...(annotation.field === 'corrective-action' ? { correctiveAction: annotation.text } : {}),
    annotations: [...action.annotations, entry],
  };
  const actions = [...register.actions];
  actions[index] = updated;
  return { ...register, actions };
}

/** Days from open to close of every closed nonconformity. */
export function meanTimeToCloseDays(actions: readonly Nonconformity[]): number | undefined {
  const durations = actions
    .filter((action) => action.closedAt !== undefined)
    .map((action) => (Date.parse(action.closedAt ?? '') - Date.parse(action.openedAt)) / 86_400_000);
  if (durations.length === 0) return undefined;
  return durations.reduce((sum, days) => sum + days, 0) / durations.length;
}
