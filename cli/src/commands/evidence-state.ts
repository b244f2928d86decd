import {
  type ControlState,
  type CurrentEvidence,
  computeDrift,
  controlStates,
  type DriftReport,
  evaluateChecks,
  type Locker,
  loadCurrentEvidence,
  lockerAsOf,
  observeAssets,
  RESULTS_SCHEMA,
  type ResultsDocument,
  type Soa,
} from '@annexa/core';
import type { LoadedConfig } from '../load.js';
import { CHECKS, COLLECTORS } from '../systems.js';

export interface EvidenceState {
  at: Date;
  current: CurrentEvidence;
  results: ResultsDocument;
  drift: DriftReport;
  controls: ControlState[];
}

/** The state the locker shows as of `at` (runs started before it): results, drift, per-control status. */
export async function evidenceStateAt(
  locker: Locker,
  config: LoadedConfig,
  soa: Soa,
  at: Date,
): Promise<EvidenceState> {
  const current = await loadCurrentEvidence(lockerAsOf(locker, at));
  const results = evaluateChecks({ checks: CHECKS, current });
  const drift = computeDrift({
    soa,
    results,
    checks: CHECKS,
    current,
    assets: observeAssets(current, COLLECTORS),
    configuredTypes: [...new Set(config.connectors.map((c) => c.config.type))],
    at,
  });
  return {
    at,
    current,
    results: { schema: RESULTS_SCHEMA, evaluatedAt: at.toISOString(), results },
    drift,
    controls: controlStates({ results, current, drift }),
  };
}
