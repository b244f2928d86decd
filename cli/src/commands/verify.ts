import { resolve } from 'node:path';
import { InputError } from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig } from '../load.js';
import { verifyBundleCommand } from './verify-bundle.js';

export interface VerifyOptions {
  locker?: string;
  json?: boolean;
  /** A snapshot bundle to verify instead of a locker. */
  bundle?: string;
  key?: string;
}

/** `annexa verify --locker DIR`: re-hash every object and walk the run chain. */
export async function verifyCommand(context: CliContext, options: VerifyOptions): Promise<ExitCode> {
  if (options.bundle !== undefined) {
    if (options.locker !== undefined) {
      throw new InputError('usage', [
        { location: { file: '--locker' }, message: 'give a bundle or --locker, not both' },
      ]);
    }
    return verifyBundleCommand(context, options.bundle, options);
  }
  if (options.key !== undefined) {
    throw new InputError('usage', [
      { location: { file: '--key' }, message: '--key checks a bundle: annexa verify BUNDLE --key PUB' },
    ]);
  }
  const dir = options.locker
    ? resolve(context.cwd, options.locker)
    : (await loadProjectConfig(context)).locker;
  // Verification must not create a locker where there is none: open without init.
  const report = await new FsLocker(dir).verify();
  if (options.json) {
    writeLine(context.stdout, JSON.stringify({ locker: dir, ...report }, null, 2));
  } else {
    for (const problem of report.problems) {
      writeLine(context.stdout, `${problem.kind}: ${problem.path}: ${problem.message}`);
    }
    const mb = (report.bytes / 1e6).toFixed(1);
    writeLine(
      context.stdout,
      report.ok
        ? `locker ${dir} verified: ${report.objects} objects (${mb} MB) and ${report.runs} runs intact`
        : `locker ${dir} FAILED verification: ${report.problems.length} problem(s) in ${report.objects} objects and ${report.runs} runs`,
    );
  }
  return report.ok ? EXIT.ok : EXIT.drift;
}
