import type { AnyCollector, CollectorData, CurrentEvidence, CurrentInstance, Evidence } from '@annexa/core';
import { type FixtureOptions, evidenceFixture as wrap } from '@annexa/core/testing';

export { evaluateWithEvidence } from '@annexa/core/testing';

/** Workspace fixtures observe the domain acme.example; GitHub ones the organisation acme. */
export function evidenceFixture<C extends AnyCollector>(
  collector: C,
  data: unknown,
  options: FixtureOptions = {},
): Evidence<CollectorData<C>> {
  const source = collector.connector.type === 'github' ? 'github.com/orgs/acme' : 'workspace/acme.example';
  return wrap(collector, data, { source, ...options });
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
