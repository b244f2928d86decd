import { access, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateSigningKeyPair, InputError } from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export interface KeysGenerateOptions {
  out: string;
  force?: boolean;
}

/** `annexa keys generate --out NAME`: NAME.key (private, mode 0600) and NAME.pub (public), Ed25519 PEM. */
export async function keysGenerateCommand(
  context: CliContext,
  options: KeysGenerateOptions,
): Promise<ExitCode> {
  const base = resolve(context.cwd, options.out);
  const privatePath = `${base}.key`;
  const publicPath = `${base}.pub`;
  if (!options.force) {
    for (const path of [privatePath, publicPath]) {
      if (await exists(path)) {
        throw new InputError('usage', [
          { location: { file: path }, message: 'already exists; use --force to replace it' },
        ]);
      }
    }
  }
  const keys = generateSigningKeyPair();
  await writeFile(privatePath, keys.privatePem, { mode: 0o600 });
  await writeFile(publicPath, keys.publicPem, { mode: 0o644 });
  writeLine(
    context.stdout,
    `wrote ${privatePath} (keep it secret) and ${publicPath} (give it to your auditor)`,
  );
  writeLine(context.stdout, `fingerprint ${keys.fingerprint}`);
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
