import { z } from 'zod';

/** How far back the Reports API is read: 30 days, well inside its 180-day retention. */
export const ACTIVITY_WINDOW_DAYS = 30;

export const activityWindowSchema = z
  .object({ startTime: z.string(), endTime: z.string(), days: z.number().int() })
  .strict();
export type ActivityWindowRecord = z.infer<typeof activityWindowSchema>;

/** The window ending at the run's start (never the clock), so a run is reproducible. */
export function activityWindow(now: Date): ActivityWindowRecord {
  const end = now.getTime();
  return {
    startTime: new Date(end - ACTIVITY_WINDOW_DAYS * 86_400_000).toISOString(),
    endTime: new Date(end).toISOString(),
    days: ACTIVITY_WINDOW_DAYS,
  };
}

/** Keys sorted, so a count map always hashes the same. */
export function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
