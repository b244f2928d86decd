// Makes `npm test` and `npm run demo` work on a machine that has only Node and npm:
// installs the workspace from the lockfile with the pinned pnpm when node_modules is missing
// or older than the lockfile. A no-op (a few ms) once installed.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = 'pnpm@12.21.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.modules.yaml');
const lockfile = join(root, 'pnpm-lock.yaml');

const installed = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs;
if (!installed) {
  process.stderr.write(`annexa: installing dependencies from pnpm-lock.yaml with ${PNPM}\n`);
  execFileSync('npx', ['--yes', PNPM, 'install', '--frozen-lockfile'], {
    cwd: root,
    stdio: 'inherit',
  });
}
