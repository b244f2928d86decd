import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DriftReport, driftReportSchema } from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { annexa, makeWorkspace } from './cli-harness.js';

const OWNER_TOKEN = 'ghp_sandboxOwnerToken0000000000000000001';

let sandbox: Sandbox;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function workspace(extraConfig = ''): Promise<string> {
  const { dir, cleanup } = await makeWorkspace(sandbox.githubBaseUrl, 'acme');
  cleanups.push(cleanup);
  if (extraConfig) {
    const file = join(dir, 'annexa.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}${extraConfig}`);
  }
  return dir;
}

async function collectAndDrift(dir: string): Promise<DriftReport> {
  const collected = await annexa(['collect'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
  expect(collected.stderr).toBe('');
  expect(collected.code).toBe(0);
  const drift = await annexa(['drift', '--json'], { cwd: dir, env: { GITHUB_TOKEN: OWNER_TOKEN } });
  expect(drift.code).toBe(1);
  return driftReportSchema.parse(JSON.parse(drift.stdout));
}

const failing = (report: DriftReport) =>
  new Map(report.findings.filter((f) => f.kind === 'failing').map((f) => [f.control, f]));

test('a typical startup: GitHub findings across change management, access, vulnerabilities and roles', async () => {
  const before = sandbox.requests.length;
  const report = await collectAndDrift(await workspace());
  const byControl = failing(report);
  for (const control of ['8.32', '8.4', '8.2', '8.8', '8.9', '8.25', '5.2', '8.5']) {
    expect(byControl.has(control), `a failing finding for ${control}`).toBe(true);
  }
  expect(byControl.get('8.32')?.checks).toEqual(
    expect.arrayContaining(['github_repo_default_branch_protected', 'github_repo_pr_review_required']),
  );
  expect(byControl.get('8.2')?.checks).toContain('github_org_owners_limited');
  // The archived repository is out of scope: it never fails, even with an overdue critical alert.
  for (const finding of byControl.values()) expect(finding.message).not.toContain('old-site');
  // Not-assessable features (no Advanced Security on a free plan) say why.
  const unevidenced = report.findings.filter((f) => f.kind === 'unevidenced').map((f) => f.message);
  expect(unevidenced.join('\n')).toMatch(/Advanced Security|Enterprise Cloud/);
  // Read-only: GETs, and POSTs only to the GraphQL endpoint.
  const requests = sandbox.requests.slice(before);
  expect(requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/graphql'))).toEqual([]);
  expect(requests.some((r) => r.path.endsWith('/graphql'))).toBe(true);
});

test('scope in annexa.yaml: excluded repositories never produce a failing result', async () => {
  const report = await collectAndDrift(
    await workspace('    scope:\n      exclude: ["infra", "sandbox-*"]\n    api: rest\n'),
  );
  const messages = [...failing(report).values()].map((finding) => finding.message).join('\n');
  expect(messages).not.toMatch(/acme\/infra|sandbox-experiments/);
  expect(messages).toMatch(/acme\/mobile/);
});
