import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContentId, sha256Id } from '@annexa/core';
import { lockerContract } from '@annexa/core/testing';
import { FsLocker } from './fs-locker.js';

lockerContract('fs', async (options) => {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-locker-contract-'));
  return {
    locker: new FsLocker(dir, options),
    openSecond: async () => new FsLocker(dir, options),
    overwrite: async (id, content) => writeFile(await fileOf(dir, id), content),
    remove: async (id) => rm(await fileOf(dir, id)),
    addStray: async () => {
      await writeFile(join(dir, 'results', 'notes.txt'), 'a person left this here');
      return 'results/notes.txt';
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

/** Finds the file that holds an object or run by hashing every file: slow, but independent of the locker's code. */
async function fileOf(root: string, id: ContentId): Promise<string> {
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.parentPath.includes('.tmp')) continue;
    const path = join(entry.parentPath, entry.name);
    if (sha256Id(await readFile(path)) === id) return path;
  }
  throw new Error(`no file in ${root} hashes to ${id}`);
}
