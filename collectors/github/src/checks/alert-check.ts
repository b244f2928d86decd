import type { Evidence, ResourceResult } from '@annexa/core';
import type { Repositories } from '../collectors/repositories.js';
import type { AlertListing, SecurityAlerts } from '../collectors/security-alerts.js';
import { repositoryResource } from './repository-check.js';

type Alert = Extract<AlertListing, { available: true }>['alerts'][number];
type Names = 'alerts' | 'repositories';

/**
 * Judges one organisation-level alert listing: a fail for each in-scope repository holding alerts that `isBad`
 * picks, a single pass when none does, a single not-assessable when the listing was not available. Alerts of
 * repositories out of the ISMS scope (or unknown to the repository evidence) never fail.
 */
export function judgeAlerts(
  inputs: { alerts: Evidence<SecurityAlerts>; repositories: Evidence<Repositories> },
  listing: AlertListing,
  what: string,
  isBad: (alert: Alert) => boolean,
  describe: (resource: string, bad: Alert[]) => string,
): ResourceResult<Names>[] {
  const source = inputs.alerts.record.source;
  if (!listing.available) return [{ resource: source, status: 'not-assessable', message: listing.reason }];
  const inScope = new Set(
    inputs.repositories.record.data.repositories
      .filter((repository) => repository.inScope)
      .map((repository) => repository.name.toLowerCase()),
  );
  const byRepository = new Map<string, Alert[]>();
  for (const alert of listing.alerts) {
    if (!inScope.has(alert.repository.toLowerCase()) || !isBad(alert)) continue;
    byRepository.set(alert.repository, [...(byRepository.get(alert.repository) ?? []), alert]);
  }
  if (byRepository.size === 0) {
    return [
      {
        resource: source,
        status: 'pass',
        message: `${source}: no ${what} in the ${inScope.size} in-scope repositories.`,
      },
    ];
  }
  return [...byRepository.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, bad]) => {
      const resource = repositoryResource(source, name);
      return { resource, status: 'fail' as const, message: describe(resource, bad) };
    });
}

export const numbers = (alerts: readonly Alert[]) =>
  alerts
    .slice(0, 10)
    .map((alert) => `#${alert.number}`)
    .join(', ') + (alerts.length > 10 ? ` and ${alerts.length - 10} more` : '');

/** Whole days between an alert's creation and the moment the evidence was collected. */
export function ageInDays(createdAt: string, collectedAt: string): number {
  return Math.floor((Date.parse(collectedAt) - Date.parse(createdAt)) / 86_400_000);
}
