import { z } from 'zod';
import type { ControlId } from '../catalog/catalog.js';
import type { ContentId, Evidence } from '../evidence/evidence.js';
import { errorSummary } from '../run/collection-failure.js';
import type { CheckResult } from '../run/results.js';
import { type AnyCheck, CHECK_STATUSES } from '../sdk/check.js';
import type { AnyCollector } from '../sdk/collector.js';
import { compareText } from './compare-text.js';
import { type CurrentEvidence, currentCollection } from './current-evidence.js';
import { evaluateAcrossInstances } from './evaluate-cross-system.js';

/** What a check's evaluate must return; checked, because a check is code we did not write. */
const resourceResultSchema = z.object({
  resource: z.string().min(1),
  status: z.enum(CHECK_STATUSES),
  message: z.string(),
  inputs: z.array(z.string()).optional(),
});

/**
 * The connector type a check applies to: the one its inputs read through. Undefined when it has no input or
 * its inputs span several types, which no single instance can satisfy.
 */
export function checkConnectorType(check: AnyCheck): string | undefined {
  const types = new Set(
    Object.values(check.inputs as Record<string, AnyCollector>).map((c) => c.connector.type),
  );
  return types.size === 1 ? [...types][0] : undefined;
}

/** The distinct control ids a check is mapped to, in the order it lists them. */
export function checkControlIds(check: AnyCheck): ControlId[] {
  return [...new Set(check.controls.map((mapping) => mapping.id))];
}

/**
 * Runs every check on every instance of its connector type over the current evidence. Pure: a check that
 * throws or returns nonsense gives an `error` result, a missing input a `not-assessable` one.
 * Results are ordered by check id, instance, then resource.
 */
export function evaluateChecks(input: {
  checks: readonly AnyCheck[];
  current: CurrentEvidence;
}): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of input.checks) {
    if (check.scope === 'cross-system') {
      results.push(...evaluateAcrossInstances(check, input.current, checkControlIds(check)));
      continue;
    }
    const type = checkConnectorType(check);
    for (const [name, instance] of input.current.instances) {
      if (type !== undefined && instance.type === type) {
        results.push(...evaluateOnInstance(check, name, input.current));
      }
    }
  }
  return results.sort(
    (a, b) =>
      compareText(a.check, b.check) ||
      compareText(a.instance, b.instance) ||
      compareText(a.resource, b.resource),
  );
}

function evaluateOnInstance(check: AnyCheck, instanceName: string, current: CurrentEvidence): CheckResult[] {
  const base = {
    check: check.id,
    instance: instanceName,
    severity: check.severity,
    controls: checkControlIds(check),
  };
  const inputs: Record<string, Evidence> = {};
  const missing: string[] = [];
  for (const [inputName, collector] of Object.entries(check.inputs as Record<string, AnyCollector>)) {
    const known = currentCollection(current, instanceName, collector.id);
    const version = known?.evidence?.record.collector.version;
    if (known?.evidence && version === collector.version) inputs[inputName] = known.evidence;
    else if (known?.evidence) {
      // Data of another collector version may have another shape: judging it could mislead.
      missing.push(
        `${collector.id} was collected by version ${version} of its collector, this check reads version ${collector.version}: collect again`,
      );
    } else if (known) {
      missing.push(`${collector.id} was not collected: ${known.outcome.reason ?? 'no reason recorded'}`);
    } else missing.push(`${collector.id} was never collected`);
  }
  if (missing.length > 0) {
    return [
      {
        ...base,
        resource: instanceName,
        status: 'not-assessable',
        message: missing.join('; '),
        evidence: [],
      },
    ];
  }

  const failed = (why: string): CheckResult[] => [
    {
      ...base,
      resource: instanceName,
      status: 'error',
      message: `check ${check.id} ${why}`,
      evidence: ids(inputs),
    },
  ];
  let returned: unknown;
  try {
    returned = check.evaluate(inputs);
  } catch (error) {
    return failed(`failed: ${errorSummary(error)}`);
  }
  const parsed = z.array(resourceResultSchema).safeParse(returned);
  if (!parsed.success) return failed('returned results that are not a list of { resource, status, message }');

  const results: CheckResult[] = [];
  for (const result of parsed.data) {
    const names = result.inputs ?? Object.keys(inputs);
    const unknown = names.filter((name) => !(name in inputs));
    if (unknown.length > 0) return failed(`named inputs it does not have: ${unknown.join(', ')}`);
    const evidence = [...new Set(names.map((name) => inputs[name]?.id as ContentId))];
    results.push({
      ...base,
      resource: result.resource,
      status: result.status,
      message: result.message,
      evidence,
    });
  }
  return results;
}

function ids(inputs: Record<string, Evidence>): ContentId[] {
  return [...new Set(Object.values(inputs).map((evidence) => evidence.id))];
}
