import type { EvidenceRecord } from '../evidence/evidence.js';

export interface IndexedEvidence {
  path: string;
  instance: string;
  collector: string;
  collectedAt: string;
  manual: boolean;
  /** Bundle paths of the files a manual record attests. */
  attachments: string[];
}

export interface ControlEvidence {
  count: number;
  manual: number;
  /** The newest few, newest first; the count says how many there are in all. */
  latest: IndexedEvidence[];
}

const KEEP = 8;

/**
 * What the report says about the evidence in the bundle, per control, gathered while the evidence streams
 * past: counts and the newest few paths, so its size depends on the controls, not on the objects.
 */
export class EvidenceIndex {
  readonly byControl = new Map<string, ControlEvidence>();
  files = 0;

  add(record: EvidenceRecord, path: string, attachments: string[]): void {
    this.files += 1;
    const manual = record.connector.type === 'manual';
    const item: IndexedEvidence = {
      path,
      instance: record.connector.instance,
      collector: record.collector.id,
      collectedAt: record.collectedAt,
      manual,
      attachments,
    };
    for (const control of record.controls) {
      let entry = this.byControl.get(control);
      if (!entry) {
        entry = { count: 0, manual: 0, latest: [] };
        this.byControl.set(control, entry);
      }
      entry.count += 1;
      if (manual) entry.manual += 1;
      entry.latest.push(item);
      entry.latest.sort((a, b) =>
        a.collectedAt < b.collectedAt ? 1 : a.collectedAt > b.collectedAt ? -1 : 0,
      );
      if (entry.latest.length > KEEP) entry.latest.length = KEEP;
    }
  }
}
