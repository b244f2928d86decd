import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, loadPublicKey, verifySnapshot } from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** `annexa verify BUNDLE [--key PUB]`: the bundle checked offline; exit 1 with every problem named. */
export async function verifyBundleCommand(
  context: CliContext,
  bundle: string,
  options: { key?: string; json?: boolean },
): Promise<ExitCode> {
  const path = resolve(context.cwd, bundle);
  try {
    await readFile(path, { flag: 'r' }).then(() => undefined);
  } catch {
    throw new InputError('usage', [{ location: { file: bundle }, message: 'cannot be read' }]);
  }
  let publicKey: ReturnType<typeof loadPublicKey> | undefined;
  if (options.key !== undefined) {
    let pem: Buffer;
    try {
      pem = await readFile(resolve(context.cwd, options.key));
    } catch {
      throw new InputError('usage', [
        { location: { file: options.key }, message: 'cannot be read (--key takes the public key file)' },
      ]);
    }
    publicKey = loadPublicKey(pem, options.key);
  }
  const report = await verifySnapshot(path, publicKey ? { publicKey } : {});
  if (options.json) {
    writeLine(context.stdout, JSON.stringify({ bundle: path, ...report }, null, 2));
    return report.ok ? EXIT.ok : EXIT.drift;
  }
  for (const problem of report.problems) {
    writeLine(context.stdout, `${problem.kind}: ${problem.path}: ${problem.message}`);
  }
  if (!report.ok) {
    writeLine(context.stdout, `bundle ${bundle} FAILED verification: ${report.problems.length} problem(s)`);
    return EXIT.drift;
  }
  const manifest = report.manifest;
  const signature =
    report.signature === 'unsigned'
      ? 'not signed'
      : report.keyFromOutside
        ? `signature valid (key ${report.checkedWith})`
        : `signature valid against the key inside the bundle (${report.checkedWith}); pass --key to check who signed it`;
  writeLine(
    context.stdout,
    `bundle ${bundle} verified: ${report.files} files (${(report.bytes / 1e6).toFixed(1)} MB), ${report.runs} runs chained, Merkle root ${manifest?.files.merkleRoot}, ${signature}`,
  );
  return EXIT.ok;
}
