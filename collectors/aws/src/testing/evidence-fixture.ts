import type { AnyCheck, AnyCollector, CollectorData, Evidence } from '@annexa/core';
import {
  type EvaluatedResult,
  evaluateFixture as evaluate,
  evidenceFixture as wrap,
} from '@annexa/core/testing';

/** AWS fixtures are collected from the connector instance `prod`. */
const AWS_FIXTURE = { instance: 'prod', source: 'aws/prod' } as const;

export type { EvaluatedResult };

export function evidenceFixture<C extends AnyCollector>(
  collector: C,
  data: unknown,
): Evidence<CollectorData<C>> {
  return wrap(collector, data, AWS_FIXTURE);
}

export function evaluateFixture(check: AnyCheck, data: unknown): EvaluatedResult[] {
  return evaluate(check, data, AWS_FIXTURE);
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
