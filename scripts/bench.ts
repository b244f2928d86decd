// `pnpm bench`: prints figures and ratios. Performance is measured here, never by timed assertions in tests.
// Each section measures against a baseline in the same process (plain sha256 over the same bytes, the minimum
// request count), so the ratios mean something on a shared, noisy machine.
import { arch, cpus, totalmem } from 'node:os';
import { benchAws } from './bench/aws.js';
import { benchGitHub } from './bench/github.js';
import { benchGoogle } from './bench/google.js';
import { benchLocker } from './bench/locker.js';
import { benchMonitor } from './bench/monitor.js';
import { benchSnapshot } from './bench/snapshot.js';

const sections: { title: string; run: () => Promise<string> }[] = [
  { title: 'Locker: write and verify throughput (storage/fs)', run: benchLocker },
  { title: 'AWS: requests vs minimum, wall time (compliant, typical, large estate)', run: benchAws },
  {
    title: 'GitHub: requests vs minimum, wall time vs bound, peak memory (startup to 20,000 repos)',
    run: benchGitHub,
  },
  { title: 'Google Workspace: requests vs floor, wall time, peak memory (large domain)', run: benchGoogle },
  { title: 'Snapshot: bundle and verify throughput, peak memory (core/snapshot)', run: benchSnapshot },
  { title: 'Monitoring: per-run state and register update, alert delivery (issue 6)', run: benchMonitor },
];

console.log(
  `annexa bench · node ${process.version} · ${arch()} · ${cpus().length} cores · ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB · ${new Date().toISOString()}`,
);
for (const section of sections) {
  console.log(`\n## ${section.title}\n`);
  console.log(await section.run());
}
