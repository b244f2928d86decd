import {
  type AnyCheck,
  type AnyCollector,
  addMs,
  type CollectorData,
  type ContentId,
  EVIDENCE_SCHEMA,
  type Evidence,
  type EvidenceRecord,
  evidenceRecordSchema,
  parseDuration,
  type ResourceResult,
  toEvidence,
} from '@annexa/core';

/**
 * A complete, valid evidence record of a collector around a fixture's data, as the run stores it. The data goes
 * through the collector's schema, so a fixture that drifts from the schema fails loudly.
 */
export function evidenceFixture<C extends AnyCollector>(
  collector: C,
  data: unknown,
): Evidence<CollectorData<C>> {
  const collectedAt = '2026-11-27T12:00:00.000Z';
  const ttl = parseDuration(collector.ttl);
  if (ttl === undefined) throw new Error(`collector ${collector.id} has an unreadable ttl ${collector.ttl}`);
  const record: EvidenceRecord<CollectorData<C>> = {
    schema: EVIDENCE_SCHEMA,
    connector: { instance: 'prod', type: 'aws' },
    collector: { id: collector.id, version: collector.version },
    source: 'aws/prod',
    collectedAt,
    expiresAt: addMs(collectedAt, ttl),
    provenance: { requests: [] },
    controls: [...collector.controls],
    data: collector.schema.parse(data) as CollectorData<C>,
  };
  evidenceRecordSchema.parse(record);
  return toEvidence(record);
}

export interface EvaluatedResult extends ResourceResult {
  evidence: ContentId[];
}

/**
 * Evaluates a check over fixture data. `data` is the single input's data, or, for a check of several inputs, an
 * object keyed by input name. Each result names the evidence ids it rests on, as the run records them.
 */
export function evaluateFixture(check: AnyCheck, data: unknown): EvaluatedResult[] {
  const names = Object.keys(check.inputs);
  const byName: Record<string, Evidence> = {};
  for (const name of names) {
    const collector = check.inputs[name] as AnyCollector;
    const fixture = names.length === 1 ? data : (data as Record<string, unknown>)[name];
    byName[name] = evidenceFixture(collector, fixture);
  }
  return check.evaluate(byName).map((result: ResourceResult) => ({
    ...result,
    evidence: (result.inputs ?? names).map((name) => (byName[name] as Evidence).id),
  }));
}

/**
 * The same fixture with every account (or account × region) replaced by a collection failure, as when the audit
 * role lacks a permission there. For a check of several inputs, every input is failed.
 */
export function failEveryUnit(check: AnyCheck, data: unknown, reason: string): unknown {
  const names = Object.keys(check.inputs);
  const failOne = (fixture: unknown): unknown => {
    const record = fixture as Record<string, { account: string; region?: string }[]>;
    const key = 'regions' in record ? 'regions' : 'accounts';
    return {
      [key]: (record[key] ?? []).map(({ account, region }) => ({
        account,
        ...(region === undefined ? {} : { region }),
        failure: { status: 'not-assessable', reason },
      })),
    };
  };
  if (names.length === 1) return failOne(data);
  const byName = data as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, failOne(byName[name])]));
}
