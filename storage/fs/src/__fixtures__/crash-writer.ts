/**
 * Child process for crash-safety.test.ts: writes evidence, results and runs to the locker in argv[2] as fast
 * as it can, forever, until the test kills it with SIGKILL. Prints `writing` once it has started.
 */
import { type ContentId, EVIDENCE_SCHEMA, type EvidenceRecord, RESULTS_SCHEMA } from '@annexa/core';
import { FsLocker } from '../fs-locker.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-writer <locker dir>');
const locker = new FsLocker(dir, { lockTimeoutMs: 60_000 });
await locker.init();
process.stdout.write('writing\n');

for (let n = 0; ; n++) {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  const evidence = [];
  for (let k = 0; k < 3; k++) {
    // Sizes from a few bytes to 128 KiB, so a kill often lands inside a write or an fsync.
    const size = Math.floor(Math.random() ** 2 * 128 * 1024);
    const record: EvidenceRecord = {
      schema: EVIDENCE_SCHEMA,
      connector: { instance: `instance-${k}`, type: 'github' },
      collector: { id: 'github.org-settings', version: '1' },
      source: `github.com/orgs/acme-${process.pid}`,
      collectedAt: at,
      expiresAt: at,
      provenance: { requests: [] },
      controls: ['8.5'],
      data: { n, k, pid: process.pid, padding: 'x'.repeat(size) },
    };
    evidence.push(await locker.putEvidence(record));
  }
  const ids: ContentId[] = evidence.map((e) => e.id);
  const results = await locker.putResults({
    schema: RESULTS_SCHEMA,
    evaluatedAt: at,
    results: [
      {
        check: 'github_org_2fa_required',
        instance: 'instance-0',
        resource: 'github.com/orgs/acme',
        status: 'pass',
        severity: 'high',
        message: `run ${n} of ${process.pid}`,
        controls: ['8.5'],
        evidence: ids,
      },
    ],
  });
  await locker.appendRun({
    startedAt: at,
    finishedAt: at,
    tool: { name: 'crash-writer', version: '1' },
    soa: null,
    collections: evidence.map((e) => ({
      instance: e.record.connector.instance,
      connectorType: 'github',
      collector: e.record.collector.id,
      collectorVersion: '1',
      status: 'collected' as const,
      evidence: e.id,
      requests: 0,
      durationMs: 1,
    })),
    results,
  });
}
