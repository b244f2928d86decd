import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import {
  type AwsClient,
  type AwsConfig,
  awsConnector,
  createAwsClient,
  READ_ACTIONS,
} from '@annexa/connector-aws';
import { type AnyCollector, ConnectorError, withProvenanceSettled } from '@annexa/core';
import {
  loadScenario,
  type Sandbox,
  type SandboxScenario,
  scenarioPath,
  startSandbox,
} from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { awsSystem } from '../index.js';
import { evaluateFixture } from '../testing/evidence-fixture.js';
import { accounts } from './accounts.js';
import { iamAuthorizationDetails } from './iam-authorization-details.js';
import { type CredentialReport, iamCredentialReport } from './iam-credential-report.js';
import { iamPasswordPolicy } from './iam-password-policy.js';

process.env.AWS_ACCESS_KEY_ID = 'AKIASANDBOX000000001';
process.env.AWS_SECRET_ACCESS_KEY = 'sandboxSecretNotARealOne0000000000000001';
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));

let compliant: Sandbox;
let large: Sandbox;
beforeAll(async () => {
  [compliant, large] = await Promise.all([
    startSandbox({ scenario: scenarioPath('aws/compliant.yaml') }),
    startSandbox({ scenario: scenarioPath('aws/large.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([compliant.close(), large.close()]);
});

function instance(
  sandbox: Sandbox,
  extra: Record<string, unknown> = {},
): { config: AwsConfig; client: AwsClient } {
  const url = sandbox.aws?.url;
  if (!url) throw new Error('no aws fake');
  const config = awsConnector.config.parse({
    name: 'prod',
    type: 'aws',
    region: 'eu-west-1',
    endpoint: url,
    ...extra,
  });
  return {
    config,
    client: createAwsClient(config, { log, signal: new AbortController().signal }, { reportPollMs: 1 }),
  };
}

/** Runs a collector as the run does: inside withProvenanceSettled, its result through its schema. */
async function run(collector: AnyCollector, target: { config: AwsConfig; client: AwsClient }) {
  const signal = new AbortController().signal;
  return withProvenanceSettled(async () =>
    collector.schema.parse(
      await collector.collect(target.client, { config: target.config, log, signal, now: new Date() }),
    ),
  );
}

const operations = (requests: { path: string }[]) =>
  requests.map((request) => request.path.split(' ')[0]?.split('/').slice(2).join(':'));

describe('against the compliant account', () => {
  test('every collector returns schema-valid evidence, and every check passes on it', async () => {
    const target = instance(compliant, { regions: 'all-enabled' });
    const evidence: Record<string, unknown> = {};
    for (const collector of awsSystem.collectors) {
      const outcome = await run(collector, target);
      if (!outcome.ok) throw outcome.error;
      evidence[collector.id] = outcome.result;
    }
    for (const check of awsSystem.checks) {
      const names = Object.keys(check.inputs);
      const data =
        names.length === 1
          ? evidence[(check.inputs[names[0] as string] as AnyCollector).id]
          : Object.fromEntries(
              names.map((name) => [name, evidence[(check.inputs[name] as AnyCollector).id]]),
            );
      const statuses = evaluateFixture(check, data).map((result) => result.status);
      expect({ check: check.id, statuses: [...new Set(statuses)] }).toEqual({
        check: check.id,
        statuses: ['pass'],
      });
    }
  });

  test('the minimum calls: IAM in 2 + 1 + 1 + p(N, 1000) requests, CloudTrail in 1 + 2T', async () => {
    const target = instance(compliant);
    await target.client.accounts();
    const report = await run(iamCredentialReport, target);
    expect(operations(report.requests)).toEqual(['iam:GenerateCredentialReport', 'iam:GetCredentialReport']);
    const details = await run(iamAuthorizationDetails, target);
    expect(operations(details.requests)).toEqual(['iam:GetAccountAuthorizationDetails']);
    const policy = await run(iamPasswordPolicy, target);
    expect(policy.requests).toHaveLength(1);
  });

  test('aws.accounts observes an account in use: 5.23 cloud services', async () => {
    const outcome = await run(accounts, instance(compliant));
    if (!outcome.ok) throw outcome.error;
    expect(outcome.result).toEqual({
      partition: 'aws',
      homeRegion: 'eu-west-1',
      accounts: [
        {
          id: '111111111111',
          inScope: true,
          reason: 'the account of the credentials',
          regions: [{ id: 'eu-west-1', inScope: true, reason: 'the home region' }],
          regionsFailure: null,
        },
      ],
    });
    expect(accounts.observesAssets?.(outcome.result as never)).toEqual([
      { controls: ['5.23'], reason: '1 AWS account is in use (111111111111): cloud services are used' },
    ]);
  });
});

describe('the large estate (20 accounts, all regions, 5,000 users in one)', () => {
  test('IAM requests do not grow with users: the 5,000-user report is Generate + 1 poll + Get, its GAAD p(5003, 1000) = 6', async () => {
    const target = instance(large, { accounts: { roleName: 'annexa-audit', fromOrganization: true } });
    await target.client.accounts();
    const report = await run(iamCredentialReport, target);
    if (!report.ok) throw report.error;
    const management = (report.result as CredentialReport).accounts.find(
      (entry) => entry.account === '100000000000',
    );
    expect(management && 'data' in management && management.data.rows).toHaveLength(5001);
    const byAccount = (requests: { path: string }[], account: string, operation: string) =>
      requests.filter((request) => request.path.startsWith(`${account}/`) && request.path.endsWith(operation))
        .length;
    expect((report.result as CredentialReport).accounts).toHaveLength(20);
    expect(byAccount(report.requests, '100000000000', 'GenerateCredentialReport')).toBe(1);
    // One ReportInProgress while AWS builds it, then the report: the same for 50 users as for 5,000.
    expect(byAccount(report.requests, '100000000000', 'GetCredentialReport')).toBe(2);
    expect(byAccount(report.requests, '100000000001', 'GetCredentialReport')).toBe(2);
    const details = await run(iamAuthorizationDetails, target);
    expect(byAccount(details.requests, '100000000000', 'GetAccountAuthorizationDetails')).toBe(6);
    expect(byAccount(details.requests, '100000000001', 'GetAccountAuthorizationDetails')).toBe(1);
  });
});

describe('partial and total failure', () => {
  test('one account denied: its entry records why, the others are collected; all denied: the collector fails', async () => {
    const world = (await loadScenario(scenarioPath('aws/large.yaml'))) as SandboxScenario;
    if (!world.aws) throw new Error('the scenario has no aws section');
    world.aws.accounts = [
      ...(world.aws.accounts ?? []),
      { id: '200000000000', denied: ['iam:GetAccountPasswordPolicy'] },
    ];
    const sandbox = await startSandbox({ scenario: world });
    try {
      const some = await run(
        iamPasswordPolicy,
        instance(sandbox, { accounts: { roleName: 'annexa-audit', ids: ['100000000001', '200000000000'] } }),
      );
      if (!some.ok) throw some.error;
      expect((some.result as { accounts: unknown[] }).accounts).toEqual([
        {
          account: '100000000001',
          data: { policy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } },
        },
        {
          account: '200000000000',
          failure: {
            status: 'not-assessable',
            reason:
              'AWS answered AccessDenied (403) to iam:GetAccountPasswordPolicy in account 200000000000 (eu-west-1): grant iam:GetAccountPasswordPolicy to the role Annexa uses (see policies/annexa-aws-readonly.json)',
          },
        },
      ]);
      const all = await run(
        iamPasswordPolicy,
        instance(sandbox, { accounts: { roleName: 'annexa-audit', ids: ['200000000000'] } }),
      );
      expect(all.ok).toBe(false);
      expect(!all.ok && all.error).toBeInstanceOf(ConnectorError);
      expect(!all.ok && (all.error as ConnectorError).code).toBe('forbidden');
    } finally {
      await sandbox.close();
    }
  });
});

test('awsSystem: every check reads registered collectors and names only actions of the shipped policy', () => {
  expect(awsSystem.connector.type).toBe('aws');
  const policy = JSON.parse(
    readFileSync(new URL('../../../../policies/annexa-aws-readonly.json', import.meta.url), 'utf8'),
  ) as {
    Statement: { Action: string[] }[];
  };
  const granted = new Set(policy.Statement.flatMap((statement) => statement.Action));
  expect([...granted].sort()).toEqual([...READ_ACTIONS].sort());
  for (const check of awsSystem.checks) {
    expect(check.id).toMatch(/^aws_[a-z0-9]+_[a-z0-9_]+$/);
    for (const input of Object.values(check.inputs)) expect(awsSystem.collectors).toContain(input);
    for (const permission of check.permissions) expect(granted).toContain(permission);
  }
});
