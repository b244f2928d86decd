import { opendir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound } from './fs-errors.js';
import { TMP_DIR } from './layout.js';
import { HOST_TAG, isProcessAlive } from './process-identity.js';

const TEMP_FILE = /^([0-9a-f]{8})\.(\d+)\./;
/** No write keeps a temporary file this long; past it, a file is a leftover whoever wrote it. */
export const TEMP_FILE_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Removes what crashed writers left in `.tmp`: files of processes of this host that no longer exist, and
 * anything older than an hour (a writer on another host sharing the disk cannot be asked whether it lives).
 * Files of live writers stay: they are about to be published. Returns how many files were removed.
 */
export async function cleanTempFiles(root: string, now = Date.now()): Promise<number> {
  const dir = join(root, TMP_DIR);
  let removed = 0;
  let entries: Awaited<ReturnType<typeof opendir>>;
  try {
    entries = await opendir(dir);
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
  for await (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(dir, entry.name);
    if (await isLeftover(entry.name, path, now)) {
      try {
        await unlink(path);
        removed++;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }
  return removed;
}

async function isLeftover(name: string, path: string, now: number): Promise<boolean> {
  const match = TEMP_FILE.exec(name);
  if (match?.[1] === HOST_TAG && !isProcessAlive(Number(match[2]))) return true;
  try {
    return now - (await stat(path)).mtimeMs > TEMP_FILE_MAX_AGE_MS;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
