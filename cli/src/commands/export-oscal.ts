import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, oscalAssessmentResults } from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa } from '../load.js';
import { TOOL } from '../version.js';
import { evidenceStateAt } from './evidence-state.js';

export interface ExportOscalOptions {
  at?: string;
  out?: string;
}

/** `annexa export oscal [--at T] [--out FILE]`: OSCAL 1.1 assessment results of the evidence as of T. */
export async function exportOscalCommand(
  context: CliContext,
  options: ExportOscalOptions,
): Promise<ExitCode> {
  const at = options.at === undefined ? new Date() : new Date(options.at);
  if (Number.isNaN(at.getTime())) {
    throw new InputError('usage', [
      {
        location: { file: '--at' },
        message: `"${options.at}" is not a time; use RFC 3339, e.g. 2026-12-01T00:00:00Z`,
      },
    ]);
  }
  const config = await loadProjectConfig(context);
  const soa = await loadProjectSoa(config);
  const state = await evidenceStateAt(new FsLocker(config.locker), config, soa, at);
  const document = oscalAssessmentResults({
    soa,
    at,
    tool: TOOL,
    current: state.current,
    controls: state.controls,
  });
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (options.out === undefined) {
    context.stdout.write(text);
  } else {
    await writeFile(resolve(context.cwd, options.out), text);
    writeLine(context.stderr, `wrote ${options.out}`);
  }
  return EXIT.ok;
}
