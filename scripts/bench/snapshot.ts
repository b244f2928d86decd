/**
 * Snapshot throughput: build and verify a bundle of a large locker, beside plain SHA-256 of the same evidence
 * files, and the peak memory of each (its own process). ANNEXA_BENCH_SNAPSHOT_OBJECTS picks the locker sizes
 * (default 10000,100000); memory should not grow with them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeBenchLocker } from './snapshot-locker.js';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./snapshot-worker.ts', import.meta.url));

interface Measure {
  ms: number;
  bytes: number;
  maxRssMb: number;
}

async function measure(args: string[]): Promise<Measure> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=annexa-source', '--import', 'tsx', WORKER, ...args],
    {
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Measure;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function benchSnapshot(): Promise<string> {
  const sizes = (process.env.ANNEXA_BENCH_SNAPSHOT_OBJECTS ?? '10000,100000').split(',').map(Number);
  const lines = [
    'snapshot and verify of a locker of N evidence records (~600 B each), medians; MB/s of evidence bytes; RSS = peak of the process',
    `${'N'.padStart(9)}${'build s'.padStart(9)}${'snapshot MB/s'.padStart(15)}${'verify MB/s'.padStart(13)}${'sha256 MB/s'.padStart(13)}${'snap/sha'.padStart(10)}${'verify/sha'.padStart(12)}${'snap RSS MB'.padStart(13)}${'verify RSS MB'.padStart(15)}${'bundle MB'.padStart(11)}`,
  ];
  for (const objects of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'annexa-bench-snapshot-'));
    try {
      const locker = join(dir, 'locker');
      const buildStart = performance.now();
      await writeBenchLocker(locker, objects);
      const build = (performance.now() - buildStart) / 1000;
      const repetitions = objects <= 20_000 ? 3 : 1;
      const snaps: Measure[] = [];
      const verifies: Measure[] = [];
      const hashes: Measure[] = [];
      const bundle = join(dir, 'bundle.tar.gz');
      for (let i = 0; i < repetitions; i++) {
        hashes.push(await measure(['sha256', locker]));
        snaps.push(await measure(['snapshot', locker, bundle]));
        verifies.push(await measure(['verify', bundle]));
      }
      const rate = (list: Measure[]) => median(list.map((m) => m.bytes / 1e6 / (m.ms / 1000)));
      const [snap, verify, sha] = [rate(snaps), rate(verifies), rate(hashes)];
      lines.push(
        `${objects.toLocaleString('en').padStart(9)}${build.toFixed(1).padStart(9)}${snap.toFixed(1).padStart(15)}${verify.toFixed(1).padStart(13)}${sha.toFixed(1).padStart(13)}${`${(snap / sha).toFixed(3)}×`.padStart(10)}${`${(verify / sha).toFixed(3)}×`.padStart(12)}${median(
          snaps.map((m) => m.maxRssMb),
        )
          .toFixed(0)
          .padStart(13)}${median(verifies.map((m) => m.maxRssMb))
          .toFixed(0)
          .padStart(15)}${((await stat(bundle)).size / 1e6).toFixed(1).padStart(11)}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return lines.join('\n');
}
