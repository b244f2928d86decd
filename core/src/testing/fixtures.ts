import type { JsonValue } from '../evidence/canonical-json.js';
import { EVIDENCE_SCHEMA, type EvidenceRecord } from '../evidence/evidence.js';
import { RESULTS_SCHEMA, type ResultsDocument } from '../run/results.js';
import type { RunDraft } from '../run/run-record.js';

/**
 * Realistic records for tests of anything that stores or reads them. Each takes a number so a test can make
 * many distinct ones; the same number always gives the same record (and so the same id).
 */
export function sampleEvidence(
  n = 0,
  overrides: { instance?: string; collector?: string; data?: JsonValue } = {},
): EvidenceRecord {
  const collectedAt = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  return {
    schema: EVIDENCE_SCHEMA,
    connector: { instance: overrides.instance ?? 'acme-github', type: 'github' },
    collector: { id: overrides.collector ?? 'github.org-settings', version: '1' },
    source: 'github.com/orgs/acme',
    collectedAt,
    expiresAt: new Date(Date.parse(collectedAt) + 86_400_000).toISOString(),
    provenance: { requests: [{ method: 'GET', path: '/orgs/acme', status: 200 }] },
    controls: ['5.15', '8.5'],
    data: overrides.data ?? { login: 'acme', two_factor_requirement_enabled: n % 2 === 0, sample: n },
  };
}

export function sampleResults(evidenceIds: readonly `sha256:${string}`[], n = 0): ResultsDocument {
  return {
    schema: RESULTS_SCHEMA,
    evaluatedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    results: [
      {
        check: 'github_org_2fa_required',
        instance: 'acme-github',
        resource: 'github.com/orgs/acme',
        status: n % 2 === 0 ? 'pass' : 'fail',
        severity: 'high',
        message:
          n % 2 === 0 ? 'two-factor authentication is required' : 'two-factor authentication is not required',
        controls: ['5.17', '8.5'],
        evidence: [...evidenceIds],
      },
    ],
  };
}

/** A run that collected the given evidence (one outcome per item) and evaluated `results`. */
export function sampleRunDraft(
  collected: readonly { id: `sha256:${string}`; record: EvidenceRecord }[] = [],
  results: `sha256:${string}` | null = null,
  n = 0,
): RunDraft {
  const startedAt = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  return {
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 1_500).toISOString(),
    tool: { name: 'annexa', version: '0.1.0' },
    soa: null,
    collections: collected.map(({ id, record }) => ({
      instance: record.connector.instance,
      connectorType: record.connector.type,
      collector: record.collector.id,
      collectorVersion: record.collector.version,
      status: 'collected' as const,
      evidence: id,
      requests: record.provenance.requests.length,
      durationMs: 120,
    })),
    results,
  };
}
