import {
  type AnyCheck,
  type AnyCollector,
  addMs,
  type CheckInputs,
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

export interface FixtureOptions {
  instance?: string;
  source?: string;
  collectedAt?: string;
}

/**
 * Wraps a fixture's `data` in a complete, valid evidence record of that collector, as the run would store it.
 * The data goes through the collector's schema first, so a fixture that drifts from the schema fails loudly.
 * (A generic version belongs in core/src/testing; it lives here until that folder is free.)
 */
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
    source: options.source ?? 'github.com/orgs/acme',
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
  /** The ids of the evidence the result rests on: its named inputs, or every input. */
  evidence: ContentId[];
}

/** Runs a check's evaluate and names, for each result, the evidence ids it rests on (as the run records them). */
export function evaluateWithEvidence<C extends AnyCheck>(
  check: C,
  inputs: C extends { inputs: infer I extends Record<string, AnyCollector> } ? CheckInputs<I> : never,
): EvaluatedResult[] {
  const byName = inputs as Record<string, Evidence>;
  return check.evaluate(inputs).map((result: ResourceResult) => ({
    ...result,
    evidence: (result.inputs ?? Object.keys(byName)).map((name) => {
      const evidence = byName[name];
      if (!evidence) throw new Error(`check ${check.id} names an input it was not given: ${name}`);
      return evidence.id;
    }),
  }));
}
