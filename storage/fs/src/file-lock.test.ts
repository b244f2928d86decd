import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockerError } from '@annexa/core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { deadPid } from './__fixtures__/dead-pid.js';
import { acquireLock, type LockHolder, readLockHolder, releaseLock } from './file-lock.js';
import { FsLocker } from './fs-locker.js';
import { HOST } from './process-identity.js';

let dir: string;
let lockPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'annexa-lock-'));
  lockPath = join(dir, '.lock');
  await new FsLocker(dir).init();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const holder = (overrides: Partial<LockHolder>): LockHolder => ({
  pid: process.pid,
  host: HOST,
  since: new Date().toISOString(),
  token: 'someone-else',
  ...overrides,
});

async function lockedError(promise: Promise<unknown>): Promise<LockerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LockerError);
  expect((error as LockerError).code).toBe('locked');
  return error as LockerError;
}

test('a lock left by a dead process of this host is taken over', async () => {
  await writeFile(lockPath, JSON.stringify(holder({ pid: await deadPid() })));
  const locker = new FsLocker(dir, { lockTimeoutMs: 100 });
  expect(await locker.withLock(async () => (await readLockHolder(lockPath)) as LockHolder)).toMatchObject({
    pid: process.pid,
    host: HOST,
  });
  expect(await readLockHolder(lockPath)).toBe('gone');
});

test('a lock taken before this machine booted is stale even if its pid is now in use', async () => {
  await writeFile(lockPath, JSON.stringify(holder({ since: '1970-01-02T00:00:00.000Z' })));
  expect(await new FsLocker(dir, { lockTimeoutMs: 100 }).withLock(async () => 'taken over')).toBe(
    'taken over',
  );
});

test('processes that find the same stale lock take it over one at a time', async () => {
  await writeFile(lockPath, JSON.stringify(holder({ pid: await deadPid() })));
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 6 }, () =>
      new FsLocker(dir, { lockTimeoutMs: 20_000 }).withLock(async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inside--;
      }),
    ),
  );
  expect(most).toBe(1);
});

test('a lock held on another host is never taken over: the error says who holds it and what to do', async () => {
  await writeFile(lockPath, JSON.stringify(holder({ host: 'build-server-7', pid: await deadPid() })));
  const error = await lockedError(new FsLocker(dir, { lockTimeoutMs: 30 }).withLock(async () => 'never'));
  expect(error.message).toContain('build-server-7');
  expect(error.message).toContain(`delete ${lockPath}`);
  expect(await readFile(lockPath, 'utf8')).toContain('build-server-7');
});

test('an unreadable lock file is waited on, then reported with how to clear it', async () => {
  await writeFile(lockPath, 'garbage');
  const error = await lockedError(new FsLocker(dir, { lockTimeoutMs: 30 }).withLock(async () => 'never'));
  expect(error.message).toContain('unreadable');
  expect(await readFile(lockPath, 'utf8')).toBe('garbage');
});

test('releasing never removes a lock that has changed hands', async () => {
  const mine = await acquireLock(dir, 100);
  const theirs = holder({ token: 'theirs' });
  await writeFile(lockPath, JSON.stringify(theirs));
  await releaseLock(dir, mine);
  expect(await readLockHolder(lockPath)).toEqual(theirs);
});

test('a zero timeout tries once', async () => {
  const mine = await acquireLock(dir, 0);
  await lockedError(acquireLock(dir, 0));
  await releaseLock(dir, mine);
  await releaseLock(dir, await acquireLock(dir, 0));
});
