import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ContentId, StoredRun } from '@annexa/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FsLocker } from './fs-locker.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const writer = join(here, '__fixtures__', 'crash-writer.ts');
/** Two writers share the locker, each killed this many times: 30 kills in all. */
const KILLS_PER_WRITER = 15;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'annexa-crash-'));
  await new FsLocker(dir).init();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('writers killed 30 times at random moments never leave a corrupt or half-visible object', async () => {
  // Two writers at once: a kill can land while the other one waits for the lock, or holds it, or writes the
  // same directories; and each check below runs while the other writer is still at work.
  await Promise.all([killRepeatedly('A'), killRepeatedly('B')]);
  const locker = new FsLocker(dir);
  expect((await locker.verify()).problems).toEqual([]);
  await expectEveryObjectReadable(locker);
  const runs = await expectUnbrokenChain(locker);
  // Work got done between kills: a dead writer's stale lock did not stop the next one.
  expect(runs).toBeGreaterThan(5);
}, 120_000);

async function killRepeatedly(writerName: string): Promise<void> {
  for (let kill = 1; kill <= KILLS_PER_WRITER; kill++) {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=annexa-source', writer, dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Listen for the exit from the start: a writer that fails on its own must fail the test, not hang it.
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const stderr = collectText(child, 'stderr');
    await startedWriting(child, stderr);
    await sleep(Math.random() * 200);
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    const at = `writer ${writerName}, kill ${kill}`;
    expect({ at, code, signal, stderr: stderr() }).toEqual({ at, code: null, signal: 'SIGKILL', stderr: '' });

    const locker = new FsLocker(dir);
    expect({ at, problems: (await locker.verify()).problems }).toEqual({ at, problems: [] });
    await expectEveryObjectReadable(locker);
    await expectUnbrokenChain(locker);
  }
}

/** Every object file visible outside `.tmp` reads back, re-hashing to its name. */
async function expectEveryObjectReadable(locker: FsLocker): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name));
    const hex = /^[0-9a-f]{64}(?=\.json$)/.exec(entry.name)?.[0];
    if (!entry.isFile() || hex === undefined || path.startsWith('.tmp')) continue;
    const id: ContentId = `sha256:${hex}`;
    if (path.startsWith('evidence')) expect((await locker.getEvidence(id)).id).toBe(id);
    else expect(await locker.getResults(id)).toMatchObject({ schema: 'annexa.results/v1' });
  }
}

async function expectUnbrokenChain(locker: FsLocker): Promise<number> {
  let previous: StoredRun | undefined;
  for await (const run of locker.listRuns()) {
    expect(run.record.seq).toBe((previous?.record.seq ?? 0) + 1);
    expect(run.record.prev).toBe(previous?.id ?? null);
    previous = run;
  }
  return previous?.record.seq ?? 0;
}

function collectText(child: ChildProcess, stream: 'stdout' | 'stderr'): () => string {
  let text = '';
  child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return () => text;
}

/** Resolves once the child says it is writing; fails with its stderr if it exits first. */
async function startedWriting(child: ChildProcess, stderr: () => string): Promise<void> {
  const stdout = collectText(child, 'stdout');
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`writer exited (${code}) before writing: ${stderr()}`));
    child.stdout?.on('data', () => {
      if (!stdout().includes('writing\n')) return;
      child.off('exit', onExit);
      resolve();
    });
    child.once('exit', onExit);
  });
}
