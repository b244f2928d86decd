import { isControlId } from '../catalog/catalog.js';
import type { ContentId } from '../evidence/evidence.js';
import type { AnyCollector, AssetObservation } from '../sdk/collector.js';
import type { CurrentEvidence } from './current-evidence.js';

/** An asset observation with the evidence it comes from. */
export type InstanceAssetObservation = AssetObservation & {
  instance: string;
  /** The collector whose evidence shows the assets. */
  collector: string;
  evidence: ContentId;
};

/**
 * Runs each collector's `observesAssets` over the current evidence: which controls the assets seen make
 * relevant, whatever the SoA says. Pure; a collector whose observesAssets throws observes nothing.
 */
export function observeAssets(
  current: CurrentEvidence,
  collectors: readonly AnyCollector[],
): InstanceAssetObservation[] {
  const observations: InstanceAssetObservation[] = [];
  for (const [instance, { type, collections }] of current.instances) {
    for (const collector of collectors) {
      const evidence = collections.get(collector.id)?.evidence;
      if (!evidence || !collector.observesAssets || collector.connector.type !== type) continue;
      let observed: AssetObservation[];
      try {
        observed = collector.observesAssets(evidence.record.data);
      } catch {
        continue;
      }
      for (const { controls, reason } of observed) {
        const known = controls.filter((id) => isControlId(id));
        if (known.length > 0) {
          observations.push({
            controls: known,
            reason,
            instance,
            collector: collector.id,
            evidence: evidence.id,
          });
        }
      }
    }
  }
  return observations;
}
