/**
 * One measured operation in its own process, so its peak memory (maxRSS) is its own: prints JSON
 * `{ ms, maxRssMb, bytes }`. Modes: snapshot LOCKER OUT, verify BUNDLE, sha256 LOCKER (read and hash every
 * evidence file: the baseline).
 */
import { createHash } from 'node:crypto';
import { opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planLedger, verifySnapshot, writeSnapshot } from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';

const [mode, path, out] = process.argv.slice(2);
const start = performance.now();
let bytes = 0;
if (mode === 'snapshot' && path && out) {
  const locker = new FsLocker(path);
  const plan = await planLedger(locker, {
    from: new Date('2000-01-01T00:00:00Z'),
    to: new Date('2100-01-01T00:00:00Z'),
  });
  const written = await writeSnapshot({
    locker,
    plan,
    tool: { name: 'annexa', version: 'bench' },
    soa: null,
    extras: [{ path: 'README.txt', content: () => Buffer.from('bench\n') }],
    out,
  });
  bytes = written.payloadBytes;
} else if (mode === 'verify' && path) {
  const report = await verifySnapshot(path);
  if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
  bytes = report.bytes;
} else if (mode === 'sha256' && path) {
  for await (const collector of await opendir(join(path, 'evidence', 'bench'))) {
    for await (const file of await opendir(join(path, 'evidence', 'bench', collector.name))) {
      const content = await readFile(join(path, 'evidence', 'bench', collector.name, file.name));
      createHash('sha256').update(content).digest('hex');
      bytes += content.byteLength;
    }
  }
} else {
  throw new Error('usage: snapshot-worker snapshot LOCKER OUT | verify BUNDLE | sha256 LOCKER');
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
