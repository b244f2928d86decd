import type { AnyCollector, CollectorData, Evidence } from '@annexa/core';
import { type FixtureOptions, evidenceFixture as wrap } from '@annexa/core/testing';

export { type EvaluatedResult, evaluateWithEvidence } from '@annexa/core/testing';

/** GitHub fixtures observe the organisation `acme` unless told otherwise. */
export function evidenceFixture<C extends AnyCollector>(
  collector: C,
  data: unknown,
  options: FixtureOptions = {},
): Evidence<CollectorData<C>> {
  return wrap(collector, data, { source: 'github.com/orgs/acme', ...options });
}
