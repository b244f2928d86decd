import { z } from 'zod';
import { parseDuration } from '../time/time.js';

/** A duration as annexa.yaml spells it (`90s`, `15m`, `1h`, `7d`, `0s`), parsed to milliseconds. */
export const durationSchema = z.string().transform((text, context) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: `"${text}" is not a duration; use e.g. 30s, 15m, 1h or 7d` });
    return z.NEVER;
  }
  return ms;
});

const positiveDuration = durationSchema.refine((ms) => ms > 0, 'must be longer than 0');

const urlSchema = z.url({ protocol: /^https?$/ });

const webhookSinkSchema = z
  .object({
    type: z.literal('webhook'),
    url: urlSchema,
    /** HMAC-SHA256 key for the signature header; write `${ANNEXA_WEBHOOK_SECRET}` to take it from the environment. */
    secret: z.string().min(16, 'must be at least 16 characters').optional(),
    retries: z.number().int().min(0).max(10).default(3),
    timeout: positiveDuration.default(10_000),
    /** Where undeliverable alerts are appended (JSON lines); default `<locker>/state/dead-letter.jsonl`. */
    deadLetter: z.string().min(1).optional(),
  })
  .strict();

const slackSinkSchema = z
  .object({
    type: z.literal('slack'),
    /** The incoming-webhook URL is itself the secret: write `${SLACK_WEBHOOK_URL}`. */
    url: urlSchema,
    retries: z.number().int().min(0).max(10).default(3),
    timeout: positiveDuration.default(10_000),
    deadLetter: z.string().min(1).optional(),
  })
  .strict();

const fileSinkSchema = z.object({ type: z.literal('file'), path: z.string().min(1) }).strict();

export const alertSinkSchema = z.discriminatedUnion('type', [
  webhookSinkSchema,
  slackSinkSchema,
  fileSinkSchema,
]);
export type AlertSinkConfig = z.output<typeof alertSinkSchema>;

export const alertsConfigSchema = z
  .object({
    /** `off`: alert on every change as it happens; `daily`: one summary a day of the changes since the last. */
    digest: z.enum(['off', 'daily']).default('off'),
    sinks: z.array(alertSinkSchema).default([]),
  })
  .strict();
export type AlertsConfig = z.output<typeof alertsConfigSchema>;

const intervalSchema = z.object({ every: positiveDuration, jitter: durationSchema.optional() }).strict();

export const scheduleConfigSchema = z
  .object({
    every: positiveDuration.default(3_600_000),
    jitter: durationSchema.default(60_000),
    /** Per connector instance, by name: its own interval (and jitter). */
    instances: z.record(z.string(), intervalSchema).default({}),
  })
  .strict();
export type ScheduleConfig = z.output<typeof scheduleConfigSchema>;

const dateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
// YAML reads an unquoted 2027-01-31 as a Date.
const untilSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  dateSchema,
);

/**
 * A time-limited risk acceptance: findings it matches raise no alert until `until`, then alert again.
 * It matches by fingerprint, or by control (and optionally kind).
 */
export const exceptionSchema = z
  .object({
    fingerprint: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'must be a finding fingerprint, sha256:<64 hex digits>')
      .optional(),
    control: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    until: untilSchema,
    approvedBy: z.string().min(1),
    reason: z.string().min(1),
  })
  .strict()
  .refine((exception) => exception.fingerprint !== undefined || exception.control !== undefined, {
    message: 'names neither a fingerprint nor a control: say which findings it accepts',
  });
export type FindingException = z.output<typeof exceptionSchema>;

export const monitorConfigSchema = z.object({
  alerts: alertsConfigSchema.optional(),
  schedule: scheduleConfigSchema.optional(),
  exceptions: z.array(exceptionSchema).optional(),
});

/** The monitoring part of annexa.yaml, defaults filled in. */
export interface MonitorConfig {
  alerts: AlertsConfig;
  schedule: ScheduleConfig;
  exceptions: FindingException[];
}

export function monitorDefaults(partial: z.output<typeof monitorConfigSchema>): MonitorConfig {
  return {
    alerts: partial.alerts ?? alertsConfigSchema.parse({}),
    schedule: partial.schedule ?? scheduleConfigSchema.parse({}),
    exceptions: partial.exceptions ?? [],
  };
}

/** The end of an exception's `until`: a bare date lasts to the end of that day (UTC). */
export function exceptionEnd(exception: Pick<FindingException, 'until'>): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(exception.until)
    ? Date.parse(`${exception.until}T00:00:00.000Z`) + 86_400_000
    : Date.parse(exception.until);
}
