import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatSoaProblems, InputError, parseSoa } from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa } from '../load.js';
import { exportSoa, importSoa, soaEvidenceColumns } from '../soa-io/index.js';
import { evidenceStateAt } from './evidence-state.js';

/** `annexa soa check`: every problem of the SoA with file, line and control; exit 2 when there is any. */
export async function soaCheckCommand(context: CliContext): Promise<ExitCode> {
  const soa = await loadProjectSoa(await loadProjectConfig(context));
  if (soa.problems.length === 0) {
    writeLine(
      context.stdout,
      `${soa.file}: SoA ${soa.document.version} is complete: 93 controls, no problems`,
    );
    return EXIT.ok;
  }
  writeLine(context.stdout, formatSoaProblems(soa.problems));
  writeLine(context.stdout, `${soa.file}: ${soa.problems.length} problem(s)`);
  return EXIT.usage;
}

export interface SoaExportOptions {
  format: 'csv' | 'xlsx';
  out?: string;
}

export async function soaExportCommand(context: CliContext, options: SoaExportOptions): Promise<ExitCode> {
  const config = await loadProjectConfig(context);
  const soa = await loadProjectSoa(config);
  // Evidence columns (last evidence, status, open findings) as of now, when there is a locker yet.
  const columns = existsSync(config.locker)
    ? soaEvidenceColumns(
        (await evidenceStateAt(new FsLocker(config.locker), config, soa, new Date())).controls,
      )
    : undefined;
  const bytes = await exportSoa(soa, options.format, columns);
  if (options.out) {
    await writeFile(resolve(context.cwd, options.out), bytes);
    writeLine(context.stderr, `wrote ${options.out}`);
  } else if (options.format === 'xlsx' && context.stdout.isTTY) {
    throw new InputError('usage', [
      {
        location: { file: '--out' },
        message: 'XLSX is binary: give --out FILE or redirect stdout to a file',
      },
    ]);
  } else {
    context.stdout.write(bytes);
  }
  return EXIT.ok;
}

export interface SoaImportOptions {
  out?: string;
  force?: boolean;
}

/** `annexa soa import FILE`: a CSV or XLSX SoA becomes soa.yaml, then is checked like any SoA. */
export async function soaImportCommand(
  context: CliContext,
  file: string,
  options: SoaImportOptions,
): Promise<ExitCode> {
  const path = resolve(context.cwd, file);
  const yamlText = await importSoa(await readFile(path), path);
  const out = resolve(context.cwd, options.out ?? 'soa.yaml');
  const soa = parseSoa(yamlText, out);
  try {
    await writeFile(out, yamlText, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new InputError('usage', [
      { location: { file: out }, message: 'already exists; use --force to overwrite' },
    ]);
  }
  writeLine(context.stdout, `wrote ${out} from ${file}`);
  if (soa.problems.length > 0) {
    writeLine(context.stdout, formatSoaProblems(soa.problems));
    writeLine(context.stdout, `${out}: ${soa.problems.length} problem(s) to fix`);
    return EXIT.usage;
  }
  return EXIT.ok;
}
