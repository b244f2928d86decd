import type { ContentId, Evidence, EvidenceRecord } from '../evidence/evidence.js';
import { EVIDENCE_SCHEMA, evidenceRecordSchema, toEvidence } from '../evidence/evidence.js';
import type { AnyCheck, CheckInputs, ResourceResult } from '../sdk/check.js';
import type { AnyCollector, CollectorData } from '../sdk/collector.js';
import { addMs, parseDuration } from '../time/time.js';

export interface FixtureOptions {
  /** Connector instance name; `acme` unless told. */
  instance?: string;
  /** What was observed; `<type>/<instance>` unless told (checks often print it as the resource). */
  source?: string;
  collectedAt?: string;
}

/**
 * Wraps a fixture's `data` in a complete, valid evidence record of that collector, as the run would store it.
 * The data goes through the collector's schema first, so a fixture that drifts from the schema fails loudly.
 */
export function evidenceFixture<C extends AnyCollector>(
  collector: C,
  data: unknown,
  options: FixtureOptions = {},
): Evidence<CollectorData<C>> {
  const collectedAt = options.collectedAt ?? '2026-11-27T12:00:00.000Z';
  const ttl = parseDuration(collector.ttl);
  if (ttl === undefined) throw new Error(`collector ${collector.id} has an unreadable ttl ${collector.ttl}`);
  const instance = options.instance ?? 'acme';
  const record: EvidenceRecord<CollectorData<C>> = {
    schema: EVIDENCE_SCHEMA,
    connector: { instance, type: collector.connector.type },
    collector: { id: collector.id, version: collector.version },
    source: options.source ?? `${collector.connector.type}/${instance}`,
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

/**
 * Evaluates a check over fixture data: `data` is the single input's data or, for a check of several inputs, an
 * object keyed by input name. Each result names the evidence ids it rests on.
 */
export function evaluateFixture(
  check: AnyCheck,
  data: unknown,
  options: FixtureOptions = {},
): EvaluatedResult[] {
  const names = Object.keys(check.inputs);
  const inputs: Record<string, Evidence> = {};
  for (const name of names) {
    const collector = check.inputs[name] as AnyCollector;
    inputs[name] = evidenceFixture(
      collector,
      names.length === 1 ? data : (data as Record<string, unknown>)[name],
      options,
    );
  }
  return evaluateWithEvidence(check, inputs as never);
}
