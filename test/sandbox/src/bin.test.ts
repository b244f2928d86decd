import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { scenarioPath } from './scenario-path.js';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));

function run(args: string[]) {
  return spawn(process.execPath, [tsxCli, '--conditions=annexa-source', bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('prints one JSON line with the URLs, serves, and stops on SIGTERM', async () => {
  const child = run(['--scenario', scenarioPath('github/compliant.yaml')]);
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const { url, githubBaseUrl } = JSON.parse(line) as { url: string; githubBaseUrl: string };
  expect(githubBaseUrl).toBe(`${url}/github/api/v3`);
  const response = await fetch(`${githubBaseUrl}/orgs/acme`, {
    headers: { authorization: 'token ghp_sandboxOwnerToken0000000000000000001' },
  });
  expect(response.status).toBe(200);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
});

test('a bad scenario path is one line on stderr and exit code 2', async () => {
  const child = run(['--scenario', 'does/not/exist.yaml']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  expect(code).toBe(2);
  expect(stderr.trim()).toBe(
    'sandbox: does/not/exist.yaml: cannot read the scenario file (ENOENT): check the path',
  );
});
