import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { ExitCode } from '../exit-codes.js';
import { exportOscalCommand } from './export-oscal.js';
import { keysGenerateCommand } from './keys.js';
import { snapshotCommand } from './snapshot.js';

type Run = (command: (ctx: CliContext) => Promise<ExitCode>) => () => Promise<void>;

/** `annexa snapshot`, `annexa keys generate` and `annexa export oscal` (issue 7). */
export function registerSnapshotCommands(program: Command, run: Run): void {
  program
    .command('snapshot')
    .description(
      'write the audit period as one self-verifying bundle (evidence, runs, SoA, results, drift, report)',
    )
    .requiredOption('--from <date>', 'start of the period (YYYY-MM-DD or RFC 3339), inclusive')
    .requiredOption('--to <date>', 'end of the period; a date means the end of that day')
    .requiredOption('-o, --out <file>', 'the bundle to write, e.g. audit-2026.tar.gz')
    .option('--sign <key>', 'sign the manifest with this Ed25519 private key (annexa keys generate)')
    .action((options) => run((ctx) => snapshotCommand(ctx, options))());

  const keys = program.command('keys').description('signing keys for snapshots');
  keys
    .command('generate')
    .description('write an Ed25519 key pair as PEM: NAME.key (private) and NAME.pub (public)')
    .option('-o, --out <name>', 'file name without extension', 'annexa-signing')
    .option('--force', 'replace existing files')
    .action((options) => run((ctx) => keysGenerateCommand(ctx, options))());

  const exportCommand = program.command('export').description('export evidence in other formats');
  exportCommand
    .command('oscal')
    .description('OSCAL 1.1 assessment results: observations, findings per control, evidence hashes')
    .option('--at <time>', 'judge the evidence as of this time (default now)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((options) => run((ctx) => exportOscalCommand(ctx, options))());
}
