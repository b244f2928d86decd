import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { annexa, DEMO_DIR } from './cli-harness.js';

const dirs: string[] = [];
async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-e2e-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

test('init writes a config and a 93-control SoA that soa check says still needs filling in', async () => {
  const dir = await emptyDir();
  const init = await annexa(['init', '--organization', 'Acme Ltd'], { cwd: dir });
  expect(init.code).toBe(0);
  expect(init.stdout).toMatch(/wrote annexa\.yaml/);
  const soaText = await readFile(join(dir, 'soa.yaml'), 'utf8');
  expect(soaText.match(/^\s+- id: /gm)).toHaveLength(93);

  const check = await annexa(['soa', 'check'], { cwd: dir, env: { GITHUB_TOKEN: 'x' } });
  expect(check.code).toBe(2);
  expect(check.stdout).toMatch(/soa\.yaml:\d+: 8\.5: /);

  const again = await annexa(['init'], { cwd: dir });
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/already exists; use --force/);
});

test('a bad config is exit 2 with the file, line and field, and no stack trace', async () => {
  const dir = await emptyDir();
  await writeFile(
    join(dir, 'annexa.yaml'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: annexa.yaml's own ${VAR} syntax, not a JS template
    'locker: ./evidence\nsoa: ./soa.yaml\nconnectors:\n  - name: acme\n    type: github\n    org: acme\n    token: ${GITHUB_TOKEN}\n    colour: blue\n',
  );
  const result = await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: 'ghp_secret_value_1234' } });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/annexa\.yaml:8/);
  expect(result.stderr).toMatch(/colour/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('ghp_secret_value_1234');

  const missingVariable = await annexa(['collect'], { cwd: dir });
  expect(missingVariable.code).toBe(2);
  expect(missingVariable.stderr).toMatch(/GITHUB_TOKEN/);
});

test('soa export and import round-trip through CSV and XLSX, and the result checks clean', async () => {
  const dir = await emptyDir();
  await writeFile(
    join(dir, 'annexa.yaml'),
    `locker: ./evidence\nsoa: ${join(DEMO_DIR, 'soa.yaml')}\nrisks: ${join(DEMO_DIR, 'risks.yaml')}\nconnectors: []\n`,
  );
  expect((await annexa(['soa', 'check'], { cwd: dir })).code).toBe(0);

  for (const format of ['csv', 'xlsx']) {
    const exported = await annexa(['soa', 'export', '--format', format, '--out', `soa.${format}`], {
      cwd: dir,
    });
    expect(exported.code).toBe(0);
    const imported = await annexa(['soa', 'import', `soa.${format}`, '--out', `imported-${format}.yaml`], {
      cwd: dir,
    });
    // The spreadsheet does not carry the organisation name: the import asks for it, and nothing else.
    expect(imported.stdout).toMatch(/organization/);
    const yaml = (await readFile(join(dir, `imported-${format}.yaml`), 'utf8')).replace(
      /^organization: .*$/m,
      'organization: Acme Demo Ltd',
    );
    await writeFile(join(dir, `imported-${format}.yaml`), yaml);
    await writeFile(
      join(dir, `check-${format}.yaml`),
      `locker: ./evidence\nsoa: ./imported-${format}.yaml\nrisks: ${join(DEMO_DIR, 'risks.yaml')}\nconnectors: []\n`,
    );
    const check = await annexa(['-c', `check-${format}.yaml`, 'soa', 'check'], { cwd: dir });
    expect(check.stdout).toMatch(/no problems/);
    expect(check.code).toBe(0);
  }
});

test('unknown commands and options are usage errors (exit 2)', async () => {
  const dir = await emptyDir();
  expect((await annexa(['frobnicate'], { cwd: dir })).code).toBe(2);
  expect((await annexa(['drift', '--at', 'yesterday-ish'], { cwd: dir })).code).toBe(2);
  const help = await annexa(['--help'], { cwd: dir });
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/collect/);
});
