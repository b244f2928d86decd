/**
 * A large locker for the snapshot bench, written straight to disk in the storage/fs layout (canonical files named
 * by their hash, hash-chained runs): putEvidence's fsyncs would make a million objects take hours.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalize, EVIDENCE_SCHEMA, type EvidenceRecord, RUN_SCHEMA, type RunRecord } from '@annexa/core';

const COLLECTORS = 20;
export const PER_RUN = 1000;

export async function writeBenchLocker(
  dir: string,
  objects: number,
): Promise<{ bytes: number; runs: number }> {
  await mkdir(join(dir, 'runs'), { recursive: true });
  await writeFile(
    join(dir, 'LOCKER.json'),
    canonicalize({ schema: 'annexa.locker/v1', createdAt: '2026-01-01T00:00:00.000Z' }),
  );
  for (let c = 0; c < COLLECTORS; c++)
    await mkdir(join(dir, 'evidence', 'bench', `bench.c${c}`), { recursive: true });
  let prev: string | null = null;
  let bytes = 0;
  let seq = 0;
  for (let start = 0; start < objects; start += PER_RUN) {
    seq += 1;
    const startedAt = new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
    const collections: RunRecord['collections'] = [];
    const writes: Promise<void>[] = [];
    for (let n = start; n < Math.min(objects, start + PER_RUN); n++) {
      const record = benchRecord(n, startedAt);
      const text = canonicalize(record);
      const hex = createHash('sha256').update(text).digest('hex');
      bytes += Buffer.byteLength(text);
      writes.push(writeFile(join(dir, 'evidence', 'bench', record.collector.id, `${hex}.json`), text));
      collections.push({
        instance: 'bench',
        connectorType: 'github',
        collector: record.collector.id,
        collectorVersion: '1',
        status: 'collected',
        evidence: `sha256:${hex}`,
        requests: 1,
        durationMs: 5,
      });
    }
    await Promise.all(writes);
    const run: RunRecord = {
      schema: RUN_SCHEMA,
      seq,
      prev,
      startedAt,
      finishedAt: new Date(Date.parse(startedAt) + 30_000).toISOString(),
      tool: { name: 'annexa', version: 'bench' },
      soa: null,
      collections,
      results: null,
    };
    const text = canonicalize(run);
    await writeFile(join(dir, 'runs', `${String(seq).padStart(8, '0')}.json`), text);
    prev = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  }
  return { bytes, runs: seq };
}

/** About 600 bytes of canonical JSON, shaped like an org-settings answer. */
function benchRecord(n: number, at: string): EvidenceRecord {
  return {
    schema: EVIDENCE_SCHEMA,
    connector: { instance: 'bench', type: 'github' },
    collector: { id: `bench.c${n % COLLECTORS}`, version: '1' },
    source: `github.com/orgs/acme-${n}`,
    collectedAt: at,
    expiresAt: at,
    provenance: { requests: [{ method: 'GET', path: `/orgs/acme-${n}`, status: 200 }] },
    controls: ['5.15', '8.5'],
    data: {
      login: `acme-${n}`,
      id: 1_000_000 + n,
      two_factor_requirement_enabled: n % 3 !== 0,
      members_can_create_repositories: n % 5 === 0,
      default_repository_permission: 'read',
      plan: { name: 'enterprise', seats: 500 + (n % 100) },
    },
  };
}
