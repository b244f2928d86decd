import type { Logger } from '@annexa/core';
import { pino } from 'pino';
import pretty from 'pino-pretty';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Paths pino censors wherever they appear in a log object. Connectors never log secrets on purpose;
 * this is the second line of defence for a config or request object logged by mistake.
 */
const REDACT = [
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
];

/**
 * The one logger of a process. Logs go to stderr (stdout is for results such as `--json`):
 * JSON lines when stderr is piped, human lines when it is a terminal.
 */
export function createLogger(options: {
  level: LogLevel;
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}): Logger {
  const usePretty = options.pretty ?? process.stderr.isTTY === true;
  const base = { level: options.level, redact: { paths: REDACT, censor: '[redacted]' }, base: null };
  if (options.destination) return pino(base, options.destination);
  if (usePretty) {
    return pino(
      base,
      pretty({ destination: 2, sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
    );
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}
