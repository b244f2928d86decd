import {
  type AnyCheck,
  type AnyCollector,
  addMs,
  type CheckInputs,
  type CollectorData,
  type CurrentEvidence,
  type CurrentInstance,
  EVIDENCE_SCHEMA,
  type Evidence,
  type EvidenceRecord,
  evidenceRecordSchema,
  parseDuration,
  type ResourceResult,
  toEvidence,
} from '@annexa/core';

export interface FixtureOptions {
  instance?: string;
  source?: string;
  collectedAt?: string;
}

/** Wraps fixture data in a complete, valid evidence record of that collector, its data through the collector's schema. */
export function evidenceFixture<C extends AnyCollector>(
  collector: C,
  data: unknown,
  options: FixtureOptions = {},
): Evidence<CollectorData<C>> {
  const collectedAt = options.collectedAt ?? '2026-11-27T12:00:00.000Z';
  const ttl = parseDuration(collector.ttl);
  if (ttl === undefined) throw new Error(`collector ${collector.id} has an unreadable ttl ${collector.ttl}`);
  const record: EvidenceRecord<CollectorData<C>> = {
    schema: EVIDENCE_SCHEMA,
    connector: { instance: options.instance ?? 'acme', type: collector.connector.type },
    collector: { id: collector.id, version: collector.version },
    source:
      options.source ??
      (collector.connector.type === 'github' ? 'github.com/orgs/acme' : 'workspace/acme.example'),
    collectedAt,
    expiresAt: addMs(collectedAt, ttl),
    provenance: { requests: [] },
    controls: [...collector.controls],
    data: collector.schema.parse(data) as CollectorData<C>,
  };
  evidenceRecordSchema.parse(record);
  return toEvidence(record);
}

/** A check's results with, for each, the evidence ids it rests on (as the run records them). */
export function evaluateFixture<C extends AnyCheck>(
  check: C,
  inputs: C extends { inputs: infer I extends Record<string, AnyCollector> } ? CheckInputs<I> : never,
): (ResourceResult & { evidence: string[] })[] {
  const byName = inputs as Record<string, Evidence>;
  return check.evaluate(inputs).map((result: ResourceResult) => ({
    ...result,
    evidence: (result.inputs ?? Object.keys(byName)).map((name) => byName[name]?.id ?? 'missing'),
  }));
}

/** The current evidence of a set of instances, as the locker would give it: every evidence collected now. */
export function currentOf(evidence: readonly Evidence[]): CurrentEvidence {
  const instances = new Map<string, CurrentInstance & { collections: Map<string, unknown> }>();
  for (const item of evidence) {
    const { instance, type } = item.record.connector;
    const entry = instances.get(instance) ?? { type, collections: new Map() };
    entry.collections.set(item.record.collector.id, {
      outcome: {
        instance,
        connectorType: type,
        collector: item.record.collector.id,
        collectorVersion: item.record.collector.version,
        status: 'collected',
        evidence: item.id,
        requests: 0,
        durationMs: 0,
      },
      evidence: item,
      run: 1,
    });
    instances.set(instance, entry);
  }
  return { instances: instances as CurrentEvidence['instances'] };
}
