import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { errorCode } from './fs-errors.js';

/** This machine's name, as lock files record it. */
export const HOST = hostname();

/** A short, file-name-safe tag of this machine, so temporary files say which host wrote them. */
export const HOST_TAG = createHash('sha256').update(HOST).digest('hex').slice(0, 8);

/** Whether a process with this pid exists on this machine (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}
