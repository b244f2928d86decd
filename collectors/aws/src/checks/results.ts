import type { ResourceResult } from '@annexa/core';
import type { UnitFailure } from '../collectors/units.js';

type Entry<D> =
  | { account: string; region?: string; data: D }
  | { account: string; region?: string; failure: UnitFailure };

/** `aws/111111111111` or `aws/111111111111/eu-west-1`: what a result is about. */
export function resourceOf(account: string, region?: string): string {
  return region ? `aws/${account}/${region}` : `aws/${account}`;
}

/**
 * One result per evidence entry: the judgement of its data, or not-assessable (never a pass) with the reason
 * the account or region could not be collected.
 */
export function judgeEach<D, I extends string = string>(
  entries: readonly Entry<D>[],
  judge: (data: D, resource: string, entry: { account: string; region?: string }) => ResourceResult<I>,
): ResourceResult<I>[] {
  return entries.map((entry) => {
    const resource = resourceOf(entry.account, entry.region);
    if ('failure' in entry) {
      return {
        resource,
        status: 'not-assessable',
        message: `${resource} could not be collected: ${entry.failure.reason}`,
      };
    }
    return judge(entry.data, resource, entry);
  });
}

/** `alice, bob and 3 more`: offenders named in a message without making it a page long. */
export function listNames(names: readonly string[], max = 10): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

const DAY = 86_400_000;

/** Whole days from `from` to `to` (ISO dates); null when either is unknown. */
export function daysBetween(from: string | null, to: string): number | null {
  if (from === null) return null;
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY);
}
