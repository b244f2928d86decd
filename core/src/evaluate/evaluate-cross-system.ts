import { z } from 'zod';
import type { ControlId } from '../catalog/catalog.js';
import type { ContentId, Evidence } from '../evidence/evidence.js';
import { contentIdSchema } from '../evidence/evidence.js';
import { errorSummary } from '../run/collection-failure.js';
import type { CheckResult } from '../run/results.js';
import { type AnyCheck, CHECK_STATUSES } from '../sdk/check.js';
import type { AnyCollector } from '../sdk/collector.js';
import type { CurrentEvidence } from './current-evidence.js';

/** The instance name cross-system results carry: they speak for no single instance. */
export const CROSS_SYSTEM_INSTANCE = 'cross-system';

const crossSystemResultSchema = z.object({
  resource: z.string().min(1),
  status: z.enum(CHECK_STATUSES),
  message: z.string(),
  inputs: z.array(z.string()).optional(),
  evidence: z.array(contentIdSchema).optional(),
});

/**
 * Evaluates one cross-system check: each input gets the newest evidence of its collector on every instance of
 * the collector's connector type. An instance whose evidence is missing (not collected, failed, another
 * collector version) gives a `not-assessable` result naming it, and the check still judges the rest: a GitHub
 * organisation that could not be read must not hide a leaver found in another. Pure.
 */
export function evaluateAcrossInstances(
  check: AnyCheck,
  current: CurrentEvidence,
  controls: ControlId[],
): CheckResult[] {
  const base = { check: check.id, instance: CROSS_SYSTEM_INSTANCE, severity: check.severity, controls };
  const inputs: Record<string, Evidence[]> = {};
  const results: CheckResult[] = [];
  for (const [inputName, collector] of Object.entries(check.inputs as Record<string, AnyCollector>)) {
    const found: Evidence[] = [];
    for (const [instanceName, instance] of current.instances) {
      if (instance.type !== collector.connector.type) continue;
      const known = instance.collections.get(collector.id);
      const version = known?.evidence?.record.collector.version;
      if (known?.evidence && version === collector.version) {
        found.push(known.evidence);
        continue;
      }
      const why = known?.evidence
        ? `was collected by version ${version} of its collector, this check reads version ${collector.version}: collect again`
        : known
          ? `was not collected: ${known.outcome.reason ?? 'no reason recorded'}`
          : 'was never collected';
      results.push({
        ...base,
        resource: instanceName,
        status: 'not-assessable',
        message: `${collector.id} of ${instanceName} ${why}`,
        evidence: [],
      });
    }
    inputs[inputName] = found;
  }

  const everything = [
    ...new Set(Object.values(inputs).flatMap((list) => list.map((evidence) => evidence.id))),
  ];
  const failed = (why: string): CheckResult[] => [
    ...results,
    {
      ...base,
      resource: CROSS_SYSTEM_INSTANCE,
      status: 'error',
      message: `check ${check.id} ${why}`,
      evidence: everything,
    },
  ];
  if (!check.evaluateAcross) return failed('is cross-system but has no evaluateAcross');
  let returned: unknown;
  try {
    returned = check.evaluateAcross(inputs);
  } catch (error) {
    return failed(`failed: ${errorSummary(error)}`);
  }
  const parsed = z.array(crossSystemResultSchema).safeParse(returned);
  if (!parsed.success) return failed('returned results that are not a list of { resource, status, message }');
  for (const result of parsed.data) {
    const names = result.inputs ?? Object.keys(inputs);
    const unknown = names.filter((name) => !(name in inputs));
    if (unknown.length > 0) return failed(`named inputs it does not have: ${unknown.join(', ')}`);
    const allowed = new Set(names.flatMap((name) => (inputs[name] ?? []).map((evidence) => evidence.id)));
    const evidence = result.evidence ?? [...allowed];
    const foreign = evidence.filter((id) => !allowed.has(id as ContentId));
    if (foreign.length > 0) return failed(`named evidence it was not given: ${foreign.join(', ')}`);
    results.push({
      ...base,
      resource: result.resource,
      status: result.status,
      message: result.message,
      evidence: [...new Set(evidence as ContentId[])],
    });
  }
  return results;
}
