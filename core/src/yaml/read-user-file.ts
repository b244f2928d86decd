import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/errors.js';

/** A user's file as bytes (what gets hashed) and as text (what gets parsed). */
export interface UserFile {
  bytes: Buffer;
  text: string;
}

/**
 * Reads a user-named file. A missing or unreadable file, or one that is not UTF-8, is an InputError
 * (`code`) naming the file and what to do; `hint` adds the command or key that names the file.
 */
export async function readUserFile(file: string, code: string, hint = ''): Promise<UserFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code;
    const message =
      reason === 'ENOENT'
        ? `file not found${hint ? `: ${hint}` : ''}`
        : reason === 'EISDIR'
          ? 'is a directory, not a file'
          : reason === 'EACCES' || reason === 'EPERM'
            ? 'cannot be read: permission denied'
            : 'cannot be read';
    throw new InputError(code, [{ location: { file }, message }], { cause: error });
  }
  try {
    // fatal: a Latin-1 or UTF-16 file must fail loudly, not turn into replacement characters.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { bytes, text };
  } catch (error) {
    throw new InputError(code, [{ location: { file }, message: 'is not UTF-8 text: save it as UTF-8' }], {
      cause: error,
    });
  }
}
