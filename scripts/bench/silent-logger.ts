import type { Logger } from '@annexa/core';

const noop = () => {};

/** A silent logger for the benches: they print their tables, nothing else. */
export const silentLogger = {
  level: 'silent',
  child: () => silentLogger,
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
} as unknown as Logger;
