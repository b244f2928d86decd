import { resolve } from 'node:path';
import { AnnexaError, InputError, LockerError } from '@annexa/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { collectCommand } from './commands/collect.js';
import { driftCommand } from './commands/drift.js';
import { initCommand } from './commands/init.js';
import { registerMonitoringCommands } from './commands/register-monitoring.js';
import { registerSnapshotCommands } from './commands/register-snapshot.js';
import { soaCheckCommand, soaExportCommand, soaImportCommand } from './commands/soa.js';
import { verifyCommand } from './commands/verify.js';
import { type CliContext, writeLine } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { createLogger, LOG_LEVELS, type LogLevel } from './logging.js';
import { TOOL } from './version.js';

export interface CliIo {
  stdout: CliContext['stdout'];
  stderr: CliContext['stderr'];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Runs the CLI with argv (without node and script) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  let logger: CliContext['log'] | undefined;
  const program = new Command('annexa')
    .description('ISO/IEC 27001:2022 evidence collection and Statement of Applicability drift detection')
    .version(TOOL.version)
    .option('-c, --config <file>', 'configuration file', 'annexa.yaml')
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(LOG_LEVELS)
        .default(io.env.ANNEXA_LOG_LEVEL ?? 'warn'),
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run annexa --help for usage)');

  const context = (): CliContext => {
    const globals = program.opts<{ config: string; logLevel: LogLevel }>();
    logger ??= createLogger({ level: globals.logLevel, pretty: io.stderr.isTTY === true });
    return { ...io, log: logger, configPath: resolve(io.cwd, globals.config) };
  };
  const run = (command: (ctx: CliContext) => Promise<ExitCode>) => async () => {
    exitCode = await command(context());
  };

  program
    .command('init')
    .description('write annexa.yaml and a soa.yaml listing all 93 Annex A controls, to be filled in')
    .option('--dir <dir>', 'where to write them', '.')
    .option('--organization <name>', 'organisation name for the SoA')
    .option('--force', 'overwrite existing files')
    .action((options) => run((ctx) => initCommand(ctx, options))());

  const soa = program.command('soa').description('the Statement of Applicability');
  soa
    .command('check')
    .description('validate soa.yaml: every problem with file, line and control (exit 2 when any)')
    .action(() => run(soaCheckCommand)());
  soa
    .command('export')
    .description('export the SoA as CSV or XLSX with the columns public SoAs use')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'xlsx']).default('csv'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((options) => run((ctx) => soaExportCommand(ctx, options))());
  soa
    .command('import <file>')
    .description('turn a CSV or XLSX SoA into soa.yaml, then check it')
    .option('-o, --out <file>', 'where to write the YAML', 'soa.yaml')
    .option('--force', 'overwrite an existing output file')
    .action((file, options) => run((ctx) => soaImportCommand(ctx, file, options))());

  program
    .command('collect')
    .description('collect evidence from every connector instance, evaluate the checks, record a run')
    .option('--connector <name...>', 'only these connector instances')
    .option('--concurrency <n>', 'collectors running at once', parsePositiveInt)
    .action((options) => run((ctx) => collectCommand(ctx, options))());

  program
    .command('drift')
    .description('compare the SoA with the newest evidence (exit 1 when drift is found)')
    .option('--json', 'print the annexa.drift/v1 report as JSON')
    .option('--at <time>', 'evaluate as of this time (RFC 3339), default now')
    .action((options) => run((ctx) => driftCommand(ctx, options))());

  program
    .command('verify [bundle]')
    .description(
      're-hash every object in the locker and check the run chain, or check a snapshot bundle (exit 1 on any problem)',
    )
    .option('--locker <dir>', 'locker directory (default: from annexa.yaml)')
    .option('--key <file>', "the signer's public key (PEM), for a bundle")
    .option('--json', 'print the report as JSON')
    .action((bundle: string | undefined, options) =>
      run((ctx) => verifyCommand(ctx, bundle === undefined ? options : { ...options, bundle }))(),
    );

  registerSnapshotCommands(program, run);
  registerMonitoringCommands(program, run);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, logger);
  }
}

function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return parsed;
}

/** Errors become one clear message and an exit code; a stack only at --log-level debug, for bugs. */
function reportError(error: unknown, io: CliIo, log: CliContext['log'] | undefined): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version are printed by commander and end with code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    writeLine(io.stderr, `annexa: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof LockerError) {
    writeLine(io.stderr, `annexa: locker: ${error.message}`);
    return error.code === 'corrupt' ? EXIT.drift : EXIT.usage;
  }
  if (error instanceof AnnexaError) {
    writeLine(io.stderr, `annexa: ${error.message}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `annexa: internal error: ${message}`);
  writeLine(
    io.stderr,
    'This is a bug in Annexa. Run again with --log-level debug for details, and report it.',
  );
  log?.debug({ err: error }, 'internal error');
  return EXIT.internal;
}
