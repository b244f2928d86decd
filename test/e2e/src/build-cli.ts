// vitest globalSetup for the e2e suite: compile the CLI (and what it imports) once, so the tests drive the
// built `annexa` exactly as a user runs it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc', { paths: [root] });
  execFileSync(process.execPath, [tsc, '-b', 'cli'], { cwd: root, stdio: 'pipe' });
}
