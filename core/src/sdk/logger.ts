import type { Logger as PinoLogger } from 'pino';

/**
 * The logger every layer receives. One is created in the cli and passed down as child loggers
 * (`log.child({ connector: 'acme' })`); libraries never create their own.
 */
export type Logger = Pick<
  PinoLogger,
  'child' | 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'level'
>;
