import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import type { ExitCode } from '../exit-codes.js';
import { actionsAnnotateCommand, actionsListCommand, actionsShowCommand } from './actions.js';
import { coverageCommand } from './coverage.js';
import { evidenceAddCommand } from './evidence-add.js';
import { reportReviewCommand } from './report-review.js';
import { runCommand } from './run.js';
import { trendCommand } from './trend.js';
import { DEFAULT_WATCH_PORT, watchCommand } from './watch.js';

type Run = (command: (ctx: CliContext) => Promise<ExitCode>) => () => Promise<void>;

/** Continuous control monitoring (issue 6): run, watch, actions, evidence add, coverage, trend, report review. */
export function registerMonitoringCommands(program: Command, run: Run): void {
  program
    .command('run')
    .description(
      'collect, evaluate, compare with the previous run and alert on changes: what cron or CI calls',
    )
    .option('--connector <name...>', 'only these connector instances')
    .option('--concurrency <n>', 'collectors running at once', wholeNumber(1))
    .option('--json', 'print what changed as JSON')
    .action((options) => run((ctx) => runCommand(ctx, options))());

  program
    .command('watch')
    .description('run on a schedule per connector instance, alert on changes, serve /healthz and /metrics')
    .option(
      '--port <n>',
      `loopback port for /healthz and /metrics (0: any free port)`,
      wholeNumber(0),
      DEFAULT_WATCH_PORT,
    )
    .option('--connector <name...>', 'only these connector instances')
    .option('--max-runs <n>', 'stop after this many runs (smoke tests)', wholeNumber(1))
    .action((options) => run((ctx) => watchCommand(ctx, options))());

  const actions = program
    .command('actions')
    .description('the corrective-action register (ISO 27001 clause 10.1)');
  actions
    .command('list')
    .description('open nonconformities (--all: every one); --csv for a spreadsheet')
    .option('--all', 'closed ones too')
    .option('--json', 'as JSON')
    .option('--csv', 'every record as CSV')
    .option('-o, --out <file>', 'write the CSV to a file')
    .action((options) => run((ctx) => actionsListCommand(ctx, options))());
  actions
    .command('show <id>')
    .description('one nonconformity with its evidence, root cause and corrective action')
    .option('--json', 'as JSON')
    .action((id, options) => run((ctx) => actionsShowCommand(ctx, id, options))());
  actions
    .command('annotate <id>')
    .description(
      'record root cause, corrective action or a note (closing is left to a run with fresh evidence)',
    )
    .option('--root-cause <text>', 'why it happened')
    .option('--corrective-action <text>', 'what is done so it does not recur')
    .option('--note <text>', 'anything else')
    .option('--by <name>', 'who (default: $USER)')
    .action((id, options) => run((ctx) => actionsAnnotateCommand(ctx, id, options))());

  const evidence = program.command('evidence').description('evidence no API reaches');
  evidence
    .command('add')
    .description('store a file as manual evidence for a control, until it expires')
    .requiredOption('--control <id>', 'Annex A control, e.g. 6.3')
    .requiredOption('--file <file>', 'the file (hashed and kept in the locker)')
    .requiredOption('--expires <duration>', 'how long it counts, e.g. 365d')
    .option('--note <text>', 'what it shows')
    .option('--by <name>', 'who vouches for it (default: $USER)')
    .action((options) => run((ctx) => evidenceAddCommand(ctx, options))());

  program
    .command('coverage')
    .description('per control: automated, manual, stale or no evidence (applicable controls; --all: all 93)')
    .option('--all', 'every Annex A control, excluded ones too')
    .option('--json', 'as JSON')
    .action((options) => run((ctx) => coverageCommand(ctx, options))());

  program
    .command('trend')
    .description('checks passing, open nonconformities and mean time to close over the locker history')
    .option('--json', 'as JSON')
    .action((options) => run((ctx) => trendCommand(ctx, options))());

  const report = program.command('report').description('reports from the locker');
  report
    .command('review')
    .description('management review input (clause 9.3.2) as Markdown and HTML')
    .requiredOption('--from <date>', 'start of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'end of the period (YYYY-MM-DD, inclusive)')
    .option('-o, --out <dir>', 'where to write the pack', 'review')
    .action((options) => run((ctx) => reportReviewCommand(ctx, options))());
}

function wholeNumber(min: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min)
      throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    return parsed;
  };
}
