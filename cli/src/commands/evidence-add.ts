import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { addManualEvidence, InputError } from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, openLocker } from '../load.js';
import { TOOL } from '../version.js';

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Files larger than this are refused: the locker is for records, not archives. */
const MAX_BYTES = 100 * 1024 * 1024;

/** `annexa evidence add --control 6.3 --file training.pdf --expires 365d --note "..."`. */
export async function evidenceAddCommand(
  context: CliContext,
  options: { control: string; file: string; expires: string; note?: string; by?: string },
): Promise<ExitCode> {
  const config = await loadProjectConfig(context);
  const path = resolve(context.cwd, options.file);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new InputError('usage', [{ location: { file: options.file }, message: 'no such file (--file)' }]);
  }
  if (info.size > MAX_BYTES) {
    throw new InputError('usage', [
      { location: { file: options.file }, message: `larger than ${MAX_BYTES / 1024 / 1024} MiB` },
    ]);
  }
  const locker = await openLocker(config.locker);
  const { evidence, run } = await addManualEvidence({
    locker,
    control: options.control,
    file: {
      name: basename(path),
      bytes: await readFile(path),
      mediaType: MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    },
    note: options.note ?? '',
    addedBy: options.by ?? context.env.USER ?? context.env.USERNAME ?? 'unknown',
    expires: options.expires,
    tool: TOOL,
  });
  const data = evidence.record.data as { file: { blob: string } };
  writeLine(
    context.stdout,
    `evidence ${evidence.id} for ${evidence.record.controls.join(', ')}: ${basename(path)} (blob ${data.file.blob}), counts until ${evidence.record.expiresAt}; run ${run.record.seq}`,
  );
  return EXIT.ok;
}
