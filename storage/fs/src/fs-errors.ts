import { LockerError } from '@annexa/core';

/** The errno code of a Node file-system error, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

export function isAlreadyThere(error: unknown): boolean {
  return errorCode(error) === 'EEXIST';
}

/** Wraps an unexpected file-system failure as LockerError `io`, naming what was being done and where. */
export function ioError(action: string, path: string, error: unknown): LockerError {
  if (error instanceof LockerError) return error;
  const code = errorCode(error);
  const hint =
    code === 'ENOSPC'
      ? ': the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? ': permission denied'
        : code === undefined
          ? ''
          : ` (${code})`;
  return new LockerError('io', `could not ${action} ${path}${hint}`, { cause: error, context: { path } });
}
