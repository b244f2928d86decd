import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { awsSystem, iamAuthorizationDetails, iamCredentialReport } from '@annexa/collectors-aws';
import { awsConnector } from '@annexa/connector-aws';
import { type GitHubConfig, githubConnector } from '@annexa/connector-github';
import { type GoogleWorkspaceConfig, googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import {
  type AnyCollector,
  type CheckResult,
  type Evidence,
  evaluateChecks,
  withProvenanceSettled,
} from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { googleWorkspaceSystem } from '../index.js';
import { currentOf, evidenceFixture } from '../testing/evidence-fixture.js';

process.env.AWS_ACCESS_KEY_ID = 'AKIASANDBOX000000001';
process.env.AWS_SECRET_ACCESS_KEY = 'sandboxSecretNotARealOne0000000000000001';
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
const NOW = new Date('2026-11-27T12:00:00.000Z');
const fixture = (name: string) => fileURLToPath(new URL(`../identity/__fixtures__/${name}`, import.meta.url));

let compliant: Sandbox;
let typical: Sandbox;
beforeAll(async () => {
  [compliant, typical] = await Promise.all([
    startSandbox({ scenario: scenarioPath('google/compliant.yaml') }),
    startSandbox({ scenario: scenarioPath('google/typical.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([compliant.close(), typical.close()]);
});

/** Collects every collector of the system on a Workspace and a GitHub instance of the sandbox, as a run would. */
async function collectAll(sandbox: Sandbox, people: string, extra: Partial<GoogleWorkspaceConfig> = {}) {
  const signal = new AbortController().signal;
  const workspaceConfig = googleWorkspaceConnector.config.parse({
    name: 'acme-workspace',
    type: 'google-workspace',
    domain: 'acme.example',
    accessToken: 'ya29.sandbox-admin-token-0001',
    rootUrl: `${sandbox.url}/`,
    people,
    ...extra,
  });
  const githubConfig: GitHubConfig = githubConnector.config.parse({
    name: 'acme-github',
    type: 'github',
    org: 'acme',
    token: 'ghp_sandboxOwnerToken0000000000000000001',
    baseUrl: sandbox.githubBaseUrl,
  });
  // The scenario's AWS account, when it has one: the identity checks read its IAM users.
  const awsConfig = awsConnector.config.parse({
    name: 'acme-aws',
    type: 'aws',
    region: 'eu-west-1',
    endpoint: sandbox.aws?.url ?? 'http://127.0.0.1:9',
  });
  const clients = {
    'google-workspace': await googleWorkspaceConnector.create(workspaceConfig, { log, signal }),
    github: await githubConnector.create(githubConfig, { log, signal }),
    aws: await awsConnector.create(awsConfig, { log, signal }),
  };
  const awsIdentity = sandbox.aws ? [iamCredentialReport, iamAuthorizationDetails] : [];
  const evidence: Evidence[] = [];
  const requests = new Map<string, number>();
  for (const collector of [...googleWorkspaceSystem.collectors, ...awsIdentity] as AnyCollector[]) {
    const type = collector.connector.type as keyof typeof clients;
    const config = type === 'github' ? githubConfig : type === 'aws' ? awsConfig : workspaceConfig;
    const outcome = await withProvenanceSettled(async () =>
      collector.schema.parse(await collector.collect(clients[type], { config, log, signal, now: NOW })),
    );
    if (!outcome.ok) throw outcome.error;
    requests.set(collector.id, outcome.requests.length);
    evidence.push(
      evidenceFixture(collector, outcome.result, {
        instance: config.name,
        source: collector.connector.describe(config),
      }),
    );
  }
  const results = evaluateChecks({ checks: googleWorkspaceSystem.checks, current: currentOf(evidence) });
  return { evidence, results, requests };
}

const statusOf = (results: CheckResult[], check: string) =>
  [...new Set(results.filter((r) => r.check === check).map((r) => r.status))].sort();

describe('the typical domain: a leaver still in GitHub, and the usual gaps', () => {
  let run: Awaited<ReturnType<typeof collectAll>>;
  beforeAll(async () => {
    run = await collectAll(typical, fixture('people-typical.yaml'));
  });

  test('bob, suspended in Workspace, still a GitHub member and an IAM user with a key: leaver findings naming both systems', () => {
    const leavers = run.results.filter((r) => r.check === 'identity_people_leavers_with_access');
    expect(leavers.map((r) => [r.instance, r.resource, r.status])).toEqual([
      ['cross-system', `${new URL(typical.url).host}/orgs/acme/members/bob`, 'fail'],
      ['cross-system', 'aws/123456789012/users/bob', 'fail'],
    ]);
    const [leaver, awsLeaver] = leavers;
    expect(awsLeaver?.message).toMatch(
      /^AWS IAM user bob in aws\/123456789012 \(1 active access key\) belongs to bob@acme\.example \(linked by user name\), who is suspended/,
    );
    expect(
      awsLeaver?.evidence.map((id) => run.evidence.find((e) => e.id === id)?.record.collector.id).sort(),
    ).toEqual(['aws.iam-credential-report', 'google-workspace.users']);
    expect(leaver?.message).toMatch(
      /GitHub organization member bob in 127\.0\.0\.1:\d+\/orgs\/acme \(member\) belongs to bob@acme\.example \(linked by people\.yaml\), who is suspended in workspace\/acme\.example/,
    );
    // Evidence from both systems, and the people.yaml statement that linked them.
    const kinds = leaver?.evidence
      .map((id) => run.evidence.find((e) => e.id === id)?.record.collector.id)
      .sort();
    expect(kinds).toEqual(['github.org-members', 'google-workspace.people-links', 'google-workspace.users']);
    expect(leaver?.controls).toEqual(['5.18', '6.5', '5.11']);
  });

  test('mallory and deploy-bot are linked to no person; erin holds two GitHub accounts and two IAM users', () => {
    const unknown = run.results.filter((r) => r.check === 'identity_accounts_unlinked');
    // old-contractor has no password and no active key: no access, so not reported.
    expect(unknown.map((r) => r.resource)).toEqual([
      `${new URL(typical.url).host}/orgs/acme/members/mallory`,
      'aws/123456789012/users/deploy-bot',
    ]);
    const duplicates = run.results.filter((r) => r.check === 'identity_people_duplicate_accounts');
    expect(duplicates.map((r) => r.status)).toEqual(['fail', 'fail']);
    expect(duplicates[0]?.message).toMatch(
      /erin@acme\.example holds 2 GitHub organization member accounts.*erin-codes, erin-old/,
    );
    // erin.admin is linked by its `mail` tag, read through GetAccountAuthorizationDetails.
    expect(duplicates[1]?.message).toMatch(
      /^erin@acme\.example holds 2 AWS IAM user accounts in aws\/123456789012: erin, erin\.admin\./,
    );
  });

  test('the Workspace checks find each planted gap', () => {
    const failing = (check: string) =>
      run.results
        .filter((r) => r.check === check && r.status === 'fail')
        .map((r) => r.resource.split('/').at(-1));
    expect(failing('google_workspace_users_2sv_enrolled')).toEqual([
      'carol@acme.example',
      'tina@acme.example',
    ]);
    expect(failing('google_workspace_users_2sv_enforced')).toEqual([
      'alice@acme.example',
      'carol@acme.example',
      'tina@acme.example',
    ]);
    expect(failing('google_workspace_super_admins_count')).toEqual(['acme.example']);
    expect(failing('google_workspace_super_admins_2sv')).toEqual(['alice@acme.example']);
    expect(failing('google_workspace_users_inactive_90d')).toEqual(['frank@acme.example']);
    expect(failing('google_workspace_admin_roles_active_holders')).toEqual(['bob@acme.example']);
    expect(failing('google_workspace_logins_suspicious')).toEqual(['erin@acme.example']);
    expect(failing('google_workspace_oauth_grants_broad_scopes')).toEqual([
      '2222.apps.googleusercontent.com',
    ]);
    expect(statusOf(run.results, 'google_workspace_audit_trail_present')).toEqual(['pass']);
  });

  test('requests: the floor p(W,500) + p(roles,100) + p(RA,200) + one page per report', () => {
    // The AWS collectors' requests are counted in their own package.
    const ours = [...run.requests].filter(([collector]) => !collector.startsWith('aws.'));
    expect(Object.fromEntries(ours)).toEqual({
      'google-workspace.users': 1,
      'google-workspace.admin-roles': 2,
      'google-workspace.login-activity': 1,
      'google-workspace.admin-activity': 1,
      'google-workspace.token-grants': 1,
      'google-workspace.people-links': 0,
      'github.org-members': 2,
    });
  });

  test('observesAssets: Workspace users make 5.16 and 5.17 relevant', () => {
    const users = run.evidence.find((e) => e.record.collector.id === 'google-workspace.users');
    const collector = googleWorkspaceSystem.collectors.find((c) => c.id === 'google-workspace.users');
    expect(collector?.observesAssets?.(users?.record.data)).toEqual([
      { controls: ['5.16', '5.17'], reason: '7 user accounts exist in workspace/acme.example' },
    ]);
  });

  test('scope: excluding /Contractors takes tina out of the 2SV check, and the evidence records the scope', async () => {
    const scoped = await collectAll(typical, fixture('people-typical.yaml'), {
      scope: { orgUnits: { exclude: ['/Contractors'] } },
    });
    const users = scoped.evidence.find((e) => e.record.collector.id === 'google-workspace.users');
    expect((users?.record.data as { scope: unknown } | undefined)?.scope).toEqual({
      include: null,
      exclude: ['/Contractors'],
    });
    expect(
      scoped.results
        .filter((r) => r.check === 'google_workspace_users_2sv_enrolled' && r.status === 'fail')
        .map((r) => r.resource.split('/').at(-1)),
    ).toEqual(['carol@acme.example']);
  });
});

test('the compliant domain passes every check', async () => {
  const run = await collectAll(compliant, fixture('people-compliant.yaml'));
  const notPassing = run.results.filter((r) => r.status !== 'pass');
  expect(notPassing).toEqual([]);
  expect(new Set(run.results.map((r) => r.check)).size).toBe(googleWorkspaceSystem.checks.length);
  expect(compliant.requests.every((r) => r.method === 'GET')).toBe(true);
});

test('googleWorkspaceSystem: every check reads only collectors the system (or, for IAM users, AWS) registers', () => {
  expect(googleWorkspaceSystem.connector.type).toBe('google-workspace');
  const registered = [...googleWorkspaceSystem.collectors, ...awsSystem.collectors];
  for (const check of googleWorkspaceSystem.checks) {
    for (const input of Object.values(check.inputs)) expect(registered).toContain(input);
  }
});
