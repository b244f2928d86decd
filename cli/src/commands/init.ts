import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { generateConfigTemplate, generateSoaTemplate, InputError } from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export interface InitOptions {
  dir?: string;
  organization?: string;
  force?: boolean;
}

/** `annexa init`: writes annexa.yaml and a soa.yaml listing all 93 controls, to be filled in. */
export async function initCommand(context: CliContext, options: InitOptions): Promise<ExitCode> {
  const dir = resolve(context.cwd, options.dir ?? '.');
  await mkdir(dir, { recursive: true });
  const files = [
    { path: join(dir, 'annexa.yaml'), text: generateConfigTemplate() },
    {
      path: join(dir, 'soa.yaml'),
      text: generateSoaTemplate({ organization: options.organization ?? 'Example Ltd' }),
    },
  ];
  if (!options.force) {
    const existing = [];
    for (const file of files) if (await exists(file.path)) existing.push(file.path);
    if (existing.length > 0) {
      throw new InputError(
        'usage',
        existing.map((path) => ({
          location: { file: path },
          message: 'already exists; use --force to overwrite',
        })),
      );
    }
  }
  for (const file of files) {
    await writeFile(file.path, file.text);
    writeLine(context.stdout, `wrote ${relative(context.cwd, file.path) || file.path}`);
  }
  writeLine(
    context.stdout,
    'Next: set GITHUB_TOKEN, fill in soa.yaml, then run `annexa soa check` and `annexa collect`.',
  );
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
