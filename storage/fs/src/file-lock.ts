import { randomUUID } from 'node:crypto';
import { link, readFile, unlink } from 'node:fs/promises';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockerError } from '@annexa/core';
import { z } from 'zod';
import { writeTempFile } from './atomic-write.js';
import { isAlreadyThere, isNotFound } from './fs-errors.js';
import { LOCK_FILE, TAKEOVER_FILE } from './layout.js';
import { HOST, isProcessAlive } from './process-identity.js';

/** What `.lock` holds: who has the lock, and a token so a holder only ever removes its own lock. */
export const lockHolderSchema = z
  .object({
    pid: z.number().int().positive(),
    host: z.string(),
    since: z.iso.datetime({ precision: 3 }),
    token: z.string().min(1),
  })
  .strict();
export type LockHolder = z.infer<typeof lockHolderSchema>;

const MAX_RETRY_DELAY_MS = 100;

/**
 * Takes the locker's lock: `.lock` is published with link(), which fails when the file exists, so exactly one
 * process wins and the file is complete the moment it is visible. A lock whose process is gone (same host,
 * no such pid, or taken before the machine booted) is stale and taken over; any other lock is waited for
 * until `timeoutMs`, then LockerError `locked` names the holder.
 */
export async function acquireLock(root: string, timeoutMs: number): Promise<LockHolder> {
  const lockPath = join(root, LOCK_FILE);
  const mine = newHolder();
  const deadline = Date.now() + timeoutMs;
  const prepared = await writeTempFile(root, Buffer.from(`${JSON.stringify(mine)}\n`));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(prepared, lockPath);
        return mine;
      } catch (error) {
        if (!isAlreadyThere(error)) throw error;
      }
      const holder = await readLockHolder(lockPath);
      if (holder === 'gone') continue;
      if (holder !== 'unreadable' && isStale(holder) && (await breakStaleLock(root, holder))) continue;
      const left = deadline - Date.now();
      if (left <= 0) throw lockedError(root, holder, timeoutMs);
      // Exponential backoff with jitter, so waiting processes do not poll in step.
      const delay = Math.min(2 ** attempt, MAX_RETRY_DELAY_MS) * (0.5 + Math.random());
      await sleep(Math.min(delay, left));
    }
  } finally {
    await unlink(prepared).catch(() => undefined);
  }
}

/** Removes `.lock` if it is still ours; a lock that has changed hands is left to its new holder. */
export async function releaseLock(root: string, holder: LockHolder): Promise<void> {
  await removeIfHeldBy(join(root, LOCK_FILE), holder);
}

export async function readLockHolder(path: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    throw error;
  }
  try {
    return lockHolderSchema.parse(JSON.parse(text));
  } catch {
    return 'unreadable';
  }
}

function newHolder(): LockHolder {
  return { pid: process.pid, host: HOST, since: new Date().toISOString(), token: randomUUID() };
}

function isStale(holder: LockHolder): boolean {
  if (holder.host !== HOST) return false; // another machine's process cannot be asked
  const bootedAt = Date.now() - uptime() * 1000;
  return !isProcessAlive(holder.pid) || Date.parse(holder.since) < bootedAt;
}

/**
 * Removes a stale lock without ever removing a live one. Removing is check-then-act (read the token, then
 * unlink), so it runs under a second, short-lived lock, `.lock.takeover`: while one process checks and
 * removes, no other can, and no new lock can appear because the stale one is still in place. A process that
 * finds the takeover taken waits and retries (returns false). A takeover lock whose own process died is removed the same way
 * any holder removes its own lock (by token); only a crash inside that microsecond-long step followed by a
 * race of two newcomers could let two processes through, which we accept.
 */
async function breakStaleLock(root: string, stale: LockHolder): Promise<boolean> {
  const takeoverPath = join(root, TAKEOVER_FILE);
  const mine = newHolder();
  const prepared = await writeTempFile(root, Buffer.from(`${JSON.stringify(mine)}\n`));
  try {
    try {
      await link(prepared, takeoverPath);
    } catch (error) {
      if (!isAlreadyThere(error)) throw error;
      const other = await readLockHolder(takeoverPath);
      if (other === 'gone') return true;
      if (other === 'unreadable' || !isStale(other)) return false;
      await removeIfHeldBy(takeoverPath, other);
      return true;
    }
    try {
      await removeIfHeldBy(join(root, LOCK_FILE), stale);
    } finally {
      await removeIfHeldBy(takeoverPath, mine);
    }
    return true;
  } finally {
    await unlink(prepared).catch(() => undefined);
  }
}

/** Unlinks a lock file if it still holds this holder's token. */
async function removeIfHeldBy(path: string, holder: LockHolder): Promise<void> {
  const current = await readLockHolder(path);
  if (current === 'gone' || current === 'unreadable' || current.token !== holder.token) return;
  try {
    await unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function lockedError(root: string, holder: LockHolder | 'unreadable', timeoutMs: number): LockerError {
  const lockPath = join(root, LOCK_FILE);
  const waited = `waited ${timeoutMs} ms`;
  if (holder === 'unreadable') {
    return new LockerError(
      'locked',
      `${root} is locked and its lock file ${lockPath} is unreadable (${waited}). If no annexa process is using this locker, delete ${lockPath}.`,
      { context: { path: lockPath } },
    );
  }
  return new LockerError(
    'locked',
    `${root} is locked by process ${holder.pid} on ${holder.host} since ${holder.since} (${waited}). If that process is no longer running, delete ${lockPath}.`,
    { context: { path: lockPath, pid: holder.pid, host: holder.host, since: holder.since } },
  );
}
