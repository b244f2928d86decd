import { contentId } from '../evidence/canonical-json.js';
import type { ContentId } from '../evidence/evidence.js';
import { lockerContract } from '../testing/index.js';
import { MemoryLocker, type MemoryLockerFiles } from './memory-locker.js';

/** The path holding the object or run with this id, found the way a person poking at the store would. */
function pathOf(files: MemoryLockerFiles, id: ContentId): string {
  const hex = id.slice('sha256:'.length);
  for (const path of [`evidence/${hex}.json`, `results/${hex}.json`, `blobs/${hex}`])
    if (files.has(path)) return path;
  for (const [path, text] of files) {
    if (path.startsWith('runs/') && contentId(JSON.parse(text)) === id) return path;
  }
  throw new Error(`nothing stored under ${id}`);
}

lockerContract('memory', async ({ lockTimeoutMs }) => {
  const files: MemoryLockerFiles = new Map();
  return {
    locker: new MemoryLocker({ files, lockTimeoutMs }),
    openSecond: async () => new MemoryLocker({ files, lockTimeoutMs }),
    overwrite: async (id, content) => {
      files.set(pathOf(files, id), content);
    },
    remove: async (id) => {
      files.delete(pathOf(files, id));
    },
    addStray: async () => {
      files.set('notes/todo.txt', 'remember the milk');
      return 'notes/todo.txt';
    },
    cleanup: async () => files.clear(),
  };
});
