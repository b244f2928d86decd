import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DriftReport, driftReportSchema } from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { addConnectors, annexa, makeWorkspace, readJson } from './cli-harness.js';

const GITHUB_TOKEN = 'ghp_sandboxOwnerToken0000000000000000001';
const GOOGLE_ACCESS_TOKEN = 'ya29.sandbox-admin-token-0001';

let sandbox: Sandbox;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: scenarioPath('google/typical.yaml') });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A Workspace connector instance on a sandbox, as annexa.yaml lines. */
function workspaceInstance(rootUrl: string, people: string, extra: string[] = []): string[] {
  return [
    '  - name: acme-workspace',
    '    type: google-workspace',
    ...extra,
    '    domain: acme.example',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: annexa.yaml's own ${VAR} syntax, not a JS template
    '    accessToken: ${GOOGLE_ACCESS_TOKEN}',
    `    rootUrl: ${rootUrl}/`,
    `    people: ${people}`,
  ];
}

/** The demo workspace with a Workspace instance beside the GitHub one, and a people.yaml linking GitHub logins. */
async function workspace(): Promise<string> {
  const { dir, cleanup } = await makeWorkspace(sandbox.githubBaseUrl, 'acme');
  cleanups.push(cleanup);
  await addConnectors(dir, workspaceInstance(sandbox.url, './people.yaml', ['    customer: my_customer']));
  await writeFile(
    join(dir, 'people.yaml'),
    [
      'people:',
      '  - email: alice@acme.example',
      '    github: [alice-acme]',
      '  - email: bob@acme.example',
      '    github: [bob]',
      '',
    ].join('\n'),
  );
  return dir;
}

const env = { GITHUB_TOKEN, GOOGLE_ACCESS_TOKEN };

test('collect then drift: the leaver still in GitHub fails 5.18 across systems, naming both evidences', async () => {
  const dir = await workspace();
  const collected = await annexa(['collect'], { cwd: dir, env });
  // GitHub collectors this scenario gives no data for (repositories, audit log) may be not-assessable (exit 3);
  // every Workspace collector must succeed.
  expect([0, 3]).toContain(collected.code);
  expect(collected.stderr).not.toMatch(/google|workspace|people/i);

  const drift = await annexa(['drift', '--json'], { cwd: dir, env });
  expect(drift.code).toBe(1);
  const report: DriftReport = driftReportSchema.parse(JSON.parse(drift.stdout));
  const failing518 = report.findings.find((f) => f.kind === 'failing' && f.control === '5.18');
  expect(failing518?.checks).toContain('identity_people_leavers_with_access');
  expect(failing518?.resources.items.some((r) => r.endsWith('/orgs/acme/members/bob'))).toBe(true);
  const failing82 = report.findings.find((f) => f.kind === 'failing' && f.control === '8.2');
  expect(failing82?.checks).toEqual(
    expect.arrayContaining(['google_workspace_super_admins_count', 'google_workspace_super_admins_2sv']),
  );

  // The leaver's finding rests on evidence of Workspace users, GitHub members and people.yaml.
  const kinds = new Set<string>();
  for (const id of failing518?.evidence ?? []) {
    const hex = id.replace('sha256:', '');
    for (const [instance, collector] of [
      ['acme-workspace', 'google-workspace.users'],
      ['acme-workspace', 'google-workspace.people-links'],
      ['acme', 'github.org-members'],
    ] as const) {
      const file = join(dir, 'evidence', 'evidence', instance, collector, `${hex}.json`);
      if (await readJson(file).catch(() => undefined)) kinds.add(collector);
    }
  }
  expect([...kinds].sort()).toEqual([
    'github.org-members',
    'google-workspace.people-links',
    'google-workspace.users',
  ]);
  // Annexa never wrote to Google, and never printed its token.
  const google = sandbox.requests.filter((r) => r.service === 'google');
  expect(google.length).toBeGreaterThanOrEqual(6);
  expect(google.every((r) => r.method === 'GET' && r.hasAuthorization)).toBe(true);
  expect(collected.stdout + drift.stdout).not.toContain(GOOGLE_ACCESS_TOKEN);
});

test('a people.yaml with a bad line is reported with file and line, and the rest is still collected', async () => {
  const dir = await workspace();
  await writeFile(join(dir, 'people.yaml'), 'people:\n  - email: not-an-email\n    github: [bob]\n');
  const collected = await annexa(['collect'], { cwd: dir, env });
  expect(collected.code).toBe(3);
  expect(collected.stdout + collected.stderr).toMatch(/people\.yaml:2:\d+: people\[0\]\.email/);
});

test('the demo pair (github/no-2fa + google/demo, demo-people.yaml) shows bob as a leaver across systems', async () => {
  const github = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
  const google = await startSandbox({ scenario: scenarioPath('google/demo.yaml') });
  try {
    const { dir, cleanup } = await makeWorkspace(github.githubBaseUrl, 'acme');
    cleanups.push(cleanup);
    await addConnectors(dir, workspaceInstance(google.url, scenarioPath('google/demo-people.yaml')));

    await annexa(['collect'], { cwd: dir, env });
    const drift = await annexa(['drift'], { cwd: dir, env });
    expect(drift.stdout).toMatch(/5\.18/);
    expect(drift.stdout).toMatch(/identity_people_leavers_with_access/);
  } finally {
    await Promise.all([github.close(), google.close()]);
  }
});

test('the demo scenario: bob left, yet holds a GitHub membership and an AWS IAM user with an active key: 5.18 names both', async () => {
  const demo = await startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') });
  try {
    const { dir, cleanup } = await makeWorkspace(demo.githubBaseUrl, 'acme');
    cleanups.push(cleanup);
    await addConnectors(dir, [
      '  - name: acme-aws',
      '    type: aws',
      '    region: eu-west-1',
      `    endpoint: ${demo.aws?.url ?? ''}`,
      ...workspaceInstance(demo.url, scenarioPath('google/demo-people.yaml')),
    ]);

    const awsEnv = {
      AWS_ACCESS_KEY_ID: 'AKIASANDBOX000000001',
      AWS_SECRET_ACCESS_KEY: 'sandboxSecretNotARealOne0000000000000001',
    };
    await annexa(['collect'], { cwd: dir, env: { ...env, ...awsEnv } });
    const drift = await annexa(['drift', '--json'], { cwd: dir, env: { ...env, ...awsEnv } });
    const report: DriftReport = driftReportSchema.parse(JSON.parse(drift.stdout));
    const failing518 = report.findings.find((f) => f.kind === 'failing' && f.control === '5.18');
    const items = failing518?.resources.items ?? [];
    expect(items.some((r) => r.endsWith('/orgs/acme/members/bob'))).toBe(true);
    expect(items).toContain('aws/123456789012/users/bob');
    // alice.admin is linked by its `email` tag (read through GetAccountAuthorizationDetails); ci belongs to nobody.
    const unknown = report.findings.find((f) => f.kind === 'failing' && f.control === '5.16');
    expect(unknown?.resources.items).toContain('aws/123456789012/users/ci');
    expect(unknown?.resources.items).not.toContain('aws/123456789012/users/alice.admin');
    // The AWS finding rests on the credential report (the key) and the Workspace users (bob is suspended).
    const collectors = new Set<string>();
    for (const id of failing518?.evidence ?? []) {
      const hex = id.replace('sha256:', '');
      for (const [instance, collector] of [
        ['acme-aws', 'aws.iam-credential-report'],
        ['acme-workspace', 'google-workspace.users'],
      ] as const) {
        const file = join(dir, 'evidence', 'evidence', instance, collector, `${hex}.json`);
        if (await readJson(file).catch(() => undefined)) collectors.add(collector);
      }
    }
    expect([...collectors].sort()).toEqual(['aws.iam-credential-report', 'google-workspace.users']);
  } finally {
    await demo.close();
  }
});
