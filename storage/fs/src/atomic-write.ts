import { randomUUID } from 'node:crypto';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errorCode, isAlreadyThere, isNotFound } from './fs-errors.js';
import { TMP_DIR } from './layout.js';
import { HOST_TAG } from './process-identity.js';

/** `<host tag>.<pid>.<random>.tmp`: lets cleanup tell a dead writer's leftovers from a live writer's work. */
export function tempFileName(): string {
  return `${HOST_TAG}.${process.pid}.${randomUUID()}.tmp`;
}

/**
 * Writes bytes to a new file under `<root>/.tmp` and makes them durable (fsync) before anyone can see them.
 * Returns the temporary file's path, for publish().
 */
export async function writeTempFile(root: string, bytes: Uint8Array): Promise<string> {
  const path = join(root, TMP_DIR, tempFileName());
  const handle = await openExclusive(path);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return path;
}

async function openExclusive(path: string) {
  try {
    return await open(path, 'wx', 0o644);
  } catch (error) {
    // Someone removed .tmp (a person tidying up): recreate it once.
    if (!isNotFound(error)) throw error;
    await mkdir(dirname(path), { recursive: true });
    return await open(path, 'wx', 0o644);
  }
}

/**
 * Makes a finished temporary file visible at `finalPath` in one step, never replacing what is there:
 * `link()` fails with EEXIST instead of overwriting, so an object or run once written is never rewritten and
 * two writers can never both create the same run. The directory is fsynced so the new name survives a
 * power cut. The temporary name is removed either way.
 */
export async function publish(tempPath: string, finalPath: string): Promise<'created' | 'exists'> {
  try {
    await link(tempPath, finalPath);
  } catch (error) {
    if (isAlreadyThere(error)) return 'exists';
    throw error;
  } finally {
    await unlink(tempPath).catch(() => undefined);
  }
  await fsyncDirectory(dirname(finalPath));
  return 'created';
}

/** Writes `bytes` to `root/relativePath` atomically and durably; 'exists' when a file is already there. */
export async function writeNewFile(
  root: string,
  relativePath: string,
  bytes: Uint8Array,
): Promise<'created' | 'exists'> {
  const finalPath = join(root, relativePath);
  await ensureDirectory(dirname(finalPath));
  return publish(await writeTempFile(root, bytes), finalPath);
}

/** mkdir -p, then fsync the parent of every directory it created, so new directories survive a power cut. */
export async function ensureDirectory(path: string): Promise<void> {
  const target = resolve(path);
  const first = await mkdir(target, { recursive: true });
  if (first === undefined) return;
  const created = resolve(first);
  for (let dir = target; ; dir = dirname(dir)) {
    await fsyncDirectory(dirname(dir));
    if (dir === created || dirname(dir) === dir) return;
  }
}

export async function fsyncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
    const code = errorCode(error);
    if (process.platform === 'win32' && (code === 'EPERM' || code === 'EISDIR' || code === 'EACCES')) return;
    throw error;
  }
}
