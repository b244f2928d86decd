import type { ControlId } from '../../catalog/catalog.js';
import type { CurrentCollection, CurrentEvidence, CurrentInstance } from '../../evaluate/current-evidence.js';
import type { JsonValue } from '../../evidence/canonical-json.js';
import { EVIDENCE_SCHEMA, toEvidence } from '../../evidence/evidence.js';

/** One line of a hand-built current state: collected data, or a failure with its reason. */
export type CurrentLine = {
  instance: string;
  type?: string;
  collector: string;
  collectedAt?: string;
  expiresAt?: string;
  controls?: ControlId[];
} & ({ data: JsonValue } | { status: 'not-assessable' | 'error'; reason: string });

/** Builds a CurrentEvidence directly, for the pure functions over it. */
export function currentOf(lines: readonly CurrentLine[]): CurrentEvidence {
  const instances = new Map<string, CurrentInstance & { collections: Map<string, CurrentCollection> }>();
  for (const line of lines) {
    const type = line.type ?? 'forge';
    const instance = instances.get(line.instance) ?? { type, collections: new Map() };
    instances.set(line.instance, instance);
    const base = {
      instance: line.instance,
      connectorType: type,
      collector: line.collector,
      collectorVersion: '1',
      requests: 1,
      durationMs: 1,
    };
    if ('data' in line) {
      const evidence = toEvidence({
        schema: EVIDENCE_SCHEMA,
        connector: { instance: line.instance, type },
        collector: { id: line.collector, version: '1' },
        source: `forge.test/orgs/${line.instance}`,
        collectedAt: line.collectedAt ?? '2026-03-01T09:00:00.000Z',
        expiresAt: line.expiresAt ?? '2026-03-02T09:00:00.000Z',
        provenance: { requests: [] },
        controls: line.controls ?? [],
        data: line.data,
      });
      instance.collections.set(line.collector, {
        outcome: { ...base, status: 'collected', evidence: evidence.id },
        evidence,
        run: 1,
      });
    } else {
      instance.collections.set(line.collector, {
        outcome: { ...base, status: line.status, reason: line.reason },
        run: 1,
      });
    }
  }
  return { instances };
}
