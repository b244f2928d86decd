import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './cli-harness.js';

const BIN = join(REPO_ROOT, 'cli', 'dist', 'bin.js');

/** `annexa watch` as a child process, with its stdout lines as they come. */
export interface WatchProcess {
  child: ChildProcess;
  lines: string[];
  /** The /healthz and /metrics base URL, once the agent has printed it. */
  url(): Promise<string>;
  /** Runs reported so far (`run <seq> <instance>: ...` lines). */
  runs(): number;
  waitFor(condition: () => boolean, what: string): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWatch(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): WatchProcess {
  const child = spawn(process.execPath, [BIN, 'watch', '--port', '0', ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ANNEXA_LOG_LEVEL: 'silent', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (condition: () => boolean, what: string) => {
    // No timing assertion: the test's own timeout bounds the wait; this only says what was awaited.
    while (!condition()) {
      if (child.exitCode !== null)
        throw new Error(`annexa watch exited while waiting for ${what}: ${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    child,
    lines,
    runs: () => lines.filter((line) => /^run \d+ /.test(line)).length,
    url: async () => {
      await waitFor(() => lines.some((line) => line.includes('http://127.0.0.1:')), 'the endpoints');
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(
        lines.find((line) => line.includes('http://127.0.0.1:')) ?? '',
      );
      return match?.[0] ?? '';
    },
    waitFor,
    exit,
  };
}
