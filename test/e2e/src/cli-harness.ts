import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO_ROOT, 'cli', 'dist', 'bin.js');
export const DEMO_DIR = join(REPO_ROOT, 'examples', 'demo');
export const SCENARIOS = join(REPO_ROOT, 'test', 'sandbox', 'scenarios');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `annexa` as a child process, as a user or a cron job would. */
export function annexa(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd,
        // A clean environment: nothing from the developer's shell leaks into the run.
        env: { PATH: process.env.PATH ?? '', ANNEXA_LOG_LEVEL: 'warn', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A fresh workspace: the demo SoA and risk register, and an annexa.yaml pointing at the sandbox. */
export async function makeWorkspace(
  githubBaseUrl: string,
  org: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-e2e-'));
  await cp(join(DEMO_DIR, 'soa.yaml'), join(dir, 'soa.yaml'));
  await cp(join(DEMO_DIR, 'risks.yaml'), join(dir, 'risks.yaml'));
  await writeFile(
    join(dir, 'annexa.yaml'),
    [
      'locker: ./evidence',
      'soa: ./soa.yaml',
      'risks: ./risks.yaml',
      'connectors:',
      `  - name: ${org}`,
      '    type: github',
      `    org: ${org}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: annexa.yaml's own ${VAR} syntax, not a JS template
      '    token: ${GITHUB_TOKEN}',
      `    baseUrl: ${githubBaseUrl}`,
      '',
    ].join('\n'),
  );
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Adds connector instances (annexa.yaml lines under `connectors:`) to a workspace's annexa.yaml. */
export async function addConnectors(dir: string, lines: readonly string[]): Promise<void> {
  const config = join(dir, 'annexa.yaml');
  await writeFile(config, `${await readFile(config, 'utf8')}${[...lines, ''].join('\n')}`);
}

export async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}
