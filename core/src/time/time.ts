/** Timestamps are RFC 3339 UTC with milliseconds: `2026-11-27T12:00:00.000Z`. */
export type Timestamp = string;

export function toTimestamp(date: Date): Timestamp {
  return date.toISOString();
}

const DURATION = /^(\d+)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Parses `90s`, `15m`, `24h`, `7d`, `2w`, `500ms` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof UNIT_MS];
  return Number(amount) * UNIT_MS[unit];
}

export function addMs(timestamp: Timestamp, ms: number): Timestamp {
  return new Date(Date.parse(timestamp) + ms).toISOString();
}
