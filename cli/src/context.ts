import type { Logger } from '@annexa/core';

/** What every command gets: where to write, the logger, the environment. Tests pass their own. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: Logger;
  /** The -c/--config path as given (default ./annexa.yaml), resolved against cwd. */
  configPath: string;
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
