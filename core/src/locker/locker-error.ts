import { AnnexaError } from '../errors/errors.js';

export type LockerErrorCode = 'missing' | 'corrupt' | 'locked' | 'not-a-locker' | 'io';

export class LockerError extends AnnexaError {
  declare readonly code: LockerErrorCode;
  constructor(
    code: LockerErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(code, message, options);
  }
}
