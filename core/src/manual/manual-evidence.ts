import { type ControlId, parseControlId } from '../catalog/catalog.js';
import { InputError } from '../errors/errors.js';
import { EVIDENCE_SCHEMA, type Evidence, type EvidenceRecord } from '../evidence/evidence.js';
import type { Locker, StoredRun } from '../locker/locker.js';
import type { CollectionOutcome, RunRecord } from '../run/run-record.js';
import { parseDuration, toTimestamp } from '../time/time.js';

export const MANUAL_INSTANCE = 'manual';
export const MANUAL_COLLECTOR = { id: 'manual.attestation', version: '1' } as const;

/** The `data` of a manual evidence record. */
export interface ManualEvidenceData {
  [key: string]: unknown;
  file: { name: string; blob: `sha256:${string}`; size: number; mediaType: string };
  note: string;
  addedBy: string;
}

export interface AddManualEvidence {
  locker: Locker;
  control: string;
  file: { name: string; bytes: Uint8Array; mediaType: string };
  note: string;
  addedBy: string;
  /** How long it counts as evidence, e.g. `365d`. */
  expires: string;
  now?: Date;
  tool: { name: string; version: string };
}

/**
 * Stores a file a person vouches for (a training record, a signed policy) as evidence for one control: the
 * bytes as a blob, an annexa.evidence/v1 record naming it, and a run whose only collection is that record,
 * so verify and snapshots see it like any other evidence. Under the locker's lock.
 */
export async function addManualEvidence(
  input: AddManualEvidence,
): Promise<{ evidence: Evidence; run: StoredRun }> {
  const control = parseControl(input.control);
  const ttl = parseDuration(input.expires);
  if (ttl === undefined || ttl <= 0) {
    throw new InputError('usage', [
      {
        location: { file: '--expires' },
        message: `"${input.expires}" is not a duration; use e.g. 90d or 365d`,
      },
    ]);
  }
  const now = input.now ?? new Date();
  return input.locker.withLock(async () => {
    const started = Date.now();
    const blob = await input.locker.putBlob(input.file.bytes);
    const data: ManualEvidenceData = {
      file: {
        name: input.file.name,
        blob,
        size: input.file.bytes.byteLength,
        mediaType: input.file.mediaType,
      },
      note: input.note,
      addedBy: input.addedBy,
    };
    const record: EvidenceRecord = {
      schema: EVIDENCE_SCHEMA,
      connector: { instance: MANUAL_INSTANCE, type: 'manual' },
      collector: { ...MANUAL_COLLECTOR },
      source: `manual: ${input.file.name}`,
      collectedAt: toTimestamp(now),
      expiresAt: toTimestamp(new Date(now.getTime() + ttl)),
      provenance: { requests: [] },
      controls: [control],
      data: data as unknown as EvidenceRecord['data'],
    };
    const evidence = await input.locker.putEvidence(record);
    const outcome: CollectionOutcome = {
      instance: MANUAL_INSTANCE,
      connectorType: 'manual',
      collector: MANUAL_COLLECTOR.id,
      collectorVersion: MANUAL_COLLECTOR.version,
      status: 'collected',
      evidence: evidence.id,
      requests: 0,
      durationMs: Date.now() - started,
    };
    const run = await input.locker.appendRun({
      startedAt: toTimestamp(now),
      finishedAt: toTimestamp(now),
      tool: input.tool,
      soa: null,
      collections: [outcome],
      results: null,
    });
    return { evidence, run };
  });
}

/** Every manual evidence record in the ledger, oldest first. */
export async function listManualEvidence(locker: Locker): Promise<{ run: RunRecord; evidence: Evidence }[]> {
  const found: { run: RunRecord; evidence: Evidence }[] = [];
  for await (const run of locker.listRuns()) {
    for (const outcome of run.record.collections) {
      if (outcome.instance !== MANUAL_INSTANCE || outcome.collector !== MANUAL_COLLECTOR.id) continue;
      if (outcome.evidence === undefined) continue;
      found.push({
        run: run.record,
        evidence: await locker.getEvidence(outcome.evidence as `sha256:${string}`, outcome),
      });
    }
  }
  return found;
}

function parseControl(text: string): ControlId {
  const id = parseControlId(text);
  if (id === undefined) {
    throw new InputError('usage', [
      {
        location: { file: '--control' },
        message: `"${text}" is not an Annex A 2022 control id (e.g. 6.3 or A.6.3)`,
      },
    ]);
  }
  return id;
}
