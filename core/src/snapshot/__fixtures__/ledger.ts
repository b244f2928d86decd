import type { ContentId, EvidenceRecord } from '../../evidence/evidence.js';
import { MemoryLocker } from '../../locker/memory-locker.js';
import { RESULTS_SCHEMA } from '../../run/results.js';
import { sampleEvidence } from '../../testing/fixtures.js';

/** Days of the sample ledger's runs (2026, UTC); the sample period is February. */
export const RUN_DAYS = ['2026-01-05', '2026-01-20', '2026-02-03', '2026-02-17', '2026-03-02'] as const;
export const FEBRUARY = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };

/**
 * A locker with five runs (two collectors each, a manual attestation with its file in the third), built
 * through the Locker interface: test data, not a mock.
 */
export async function sampleLedger(): Promise<MemoryLocker> {
  const locker = new MemoryLocker({ location: 'memory://snapshot-test' });
  await locker.init();
  let n = 0;
  for (const day of RUN_DAYS) {
    const startedAt = `${day}T08:00:00.000Z`;
    const collectedAt = `${day}T08:00:01.000Z`;
    const records: EvidenceRecord[] = ['github.org-settings', 'github.members'].map((collector) => ({
      ...sampleEvidence(n++, { collector }),
      collectedAt,
      expiresAt: `${day}T20:00:01.000Z`,
    }));
    if (day === '2026-02-03') {
      const blob = await locker.putBlob(Buffer.from('Access review Q1 2026, signed by the CISO\n'));
      records.push({
        ...sampleEvidence(n++, { instance: 'manual', collector: 'manual.attestation' }),
        connector: { instance: 'manual', type: 'manual' },
        collector: { id: 'manual.attestation', version: '1' },
        collectedAt,
        expiresAt: '2026-05-03T08:00:01.000Z',
        controls: ['5.18'],
        data: {
          file: { name: 'access review Q1.pdf', blob, size: 42, mediaType: 'application/pdf' },
          note: 'quarterly access review',
          addedBy: 'ciso@acme.example',
        },
      });
    }
    const stored = [];
    for (const record of records) stored.push(await locker.putEvidence(record));
    const results = await locker.putResults({
      schema: RESULTS_SCHEMA,
      evaluatedAt: `${day}T08:00:02.000Z`,
      results: [
        {
          check: 'github_org_2fa_required',
          instance: 'acme-github',
          resource: 'github.com/orgs/acme',
          status: day < '2026-02-10' ? 'pass' : 'fail',
          severity: 'high',
          message: 'two-factor authentication',
          controls: ['5.17', '8.5'],
          evidence: [stored[0]?.id as ContentId],
        },
      ],
    });
    await locker.appendRun({
      startedAt,
      finishedAt: `${day}T08:00:03.000Z`,
      tool: { name: 'annexa', version: '0.1.0' },
      soa: null,
      collections: stored.map(({ id, record }) => ({
        instance: record.connector.instance,
        connectorType: record.connector.type,
        collector: record.collector.id,
        collectorVersion: record.collector.version,
        status: 'collected' as const,
        evidence: id,
        requests: 1,
        durationMs: 10,
      })),
      results,
    });
  }
  return locker;
}
