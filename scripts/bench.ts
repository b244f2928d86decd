// `pnpm bench`: prints figures and ratios. Performance is measured here, never by timed assertions in tests.
// Each section measures against a baseline in the same process (plain sha256 over the same bytes, the minimum
// request count), so the ratios mean something on a shared, noisy machine.
import { arch, cpus, totalmem } from 'node:os';
import { benchLocker } from './bench/locker.js';

const sections: { title: string; run: () => Promise<string> }[] = [
  { title: 'Locker: write and verify throughput (storage/fs)', run: benchLocker },
];

console.log(
  `annexa bench · node ${process.version} · ${arch()} · ${cpus().length} cores · ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB · ${new Date().toISOString()}`,
);
for (const section of sections) {
  console.log(`\n## ${section.title}\n`);
  console.log(await section.run());
}
