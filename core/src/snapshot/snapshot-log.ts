import { z } from 'zod';
import type { StateStore } from '../monitor/state-store.js';

/** The state file (`<locker>/state/snapshots.json`) that remembers which audit bundles were taken. */
export const SNAPSHOT_LOG = 'snapshots';

const snapshotEntrySchema = z
  .object({
    /** The bundle's file name, e.g. audit-2026.tar.gz. */
    name: z.string().min(1),
    takenAt: z.iso.datetime({ precision: 3 }),
    from: z.iso.datetime({ precision: 3 }),
    to: z.iso.datetime({ precision: 3 }),
    merkleRoot: z.string(),
    files: z.number().int().nonnegative(),
    /** Fingerprint of the signing key, or null for an unsigned bundle. */
    signedBy: z.string().nullable(),
  })
  .strict();
export type SnapshotEntry = z.infer<typeof snapshotEntrySchema>;

export const snapshotLogSchema = z.object({ snapshots: z.array(snapshotEntrySchema) }).strict();

/**
 * Remembers a bundle that was written, so the management review (9.3.2) can list the audit snapshots of its
 * period. Mutable state like the alert state: call it under the locker's lock.
 */
export async function recordSnapshot(store: StateStore, entry: SnapshotEntry): Promise<void> {
  const log = (await store.read(SNAPSHOT_LOG, snapshotLogSchema)) ?? { snapshots: [] };
  await store.write(SNAPSHOT_LOG, { snapshots: [...log.snapshots, snapshotEntrySchema.parse(entry)] });
}

/** The snapshots taken in [from, to], oldest first. */
export async function snapshotsTaken(store: StateStore, from: Date, to: Date): Promise<SnapshotEntry[]> {
  const log = (await store.read(SNAPSHOT_LOG, snapshotLogSchema)) ?? { snapshots: [] };
  return log.snapshots
    .filter((entry) => {
      const at = Date.parse(entry.takenAt);
      return at >= from.getTime() && at <= to.getTime();
    })
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt));
}
