import { parseArgs } from 'node:util';
import { InputError } from '@annexa/core';

export interface SandboxArgs {
  scenario: string;
  port?: number;
}

export const USAGE = 'usage: tsx test/sandbox/src/bin.ts --scenario <file.yaml> [--port <0-65535>]';
const COMMAND_LINE = '<command line>';

/** Reads `--scenario <file> [--port N]`; anything else is an InputError that says what to type. */
export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  let values: { scenario?: string | undefined; port?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { scenario: { type: 'string' }, port: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'bad arguments';
    throw new InputError('sandbox-usage', [
      { location: { file: COMMAND_LINE }, message: `${reason}; ${USAGE}` },
    ]);
  }
  if (!values.scenario) {
    throw new InputError('sandbox-usage', [
      { location: { file: COMMAND_LINE }, path: '--scenario', message: `is required; ${USAGE}` },
    ]);
  }
  if (values.port === undefined) return { scenario: values.scenario };
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new InputError('sandbox-usage', [
      { location: { file: COMMAND_LINE }, path: '--port', message: 'must be a whole number from 0 to 65535' },
    ]);
  }
  return { scenario: values.scenario, port };
}
