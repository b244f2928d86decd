import { Writable } from 'node:stream';
import { ConnectorError, withProvenance, withProvenanceSettled } from '@annexa/core';
import {
  loadScenario,
  type Sandbox,
  type SandboxScenario,
  scenarioPath,
  startSandbox,
} from '@annexa/sandbox';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AwsClient, createAwsClient } from './client.js';
import { type AwsConfig, awsConfigSchema } from './config.js';
import { annexaPlugin } from './middleware.js';
import type { AwsTuning } from './sdk-config.js';

const KEY = 'AKIASANDBOX000000001';
const SECRET = 'sandboxSecretNotARealOne0000000000000001';
process.env.AWS_ACCESS_KEY_ID = KEY;
process.env.AWS_SECRET_ACCESS_KEY = SECRET;
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;

const logLines: string[] = [];
const log = pino(
  { level: 'trace' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);
const FAST: Partial<AwsTuning> = { reportPollMs: 1, maxAttempts: 4 };

let typical: Sandbox;
let compliant: Sandbox;
beforeAll(async () => {
  [typical, compliant] = await Promise.all([
    startSandbox({ scenario: scenarioPath('aws/typical.yaml') }),
    startSandbox({ scenario: scenarioPath('aws/compliant.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([typical.close(), compliant.close()]);
});

function awsOf(sandbox: Sandbox) {
  if (!sandbox.aws) throw new Error('the scenario has no aws section');
  return sandbox.aws;
}

function client(
  sandbox: Sandbox,
  config: Partial<AwsConfig> = {},
  tuning: Partial<AwsTuning> = FAST,
): AwsClient {
  const parsed = awsConfigSchema.parse({
    name: 'prod',
    type: 'aws',
    region: 'eu-west-1',
    endpoint: awsOf(sandbox).url,
    ...config,
  });
  return createAwsClient(parsed, { log, signal: new AbortController().signal }, tuning);
}

async function only<T>(units: Promise<{ ok: boolean; value?: T; error?: ConnectorError }[]>): Promise<T> {
  const [unit] = await units;
  if (!unit?.ok) throw unit?.error ?? new Error('no unit');
  return unit.value as T;
}

describe('the real SDK clients against the sandbox', () => {
  test('the account of the credentials, its IAM summary, and provenance per call (no credentials in it)', async () => {
    awsOf(typical).resetCalls();
    const { result, requests } = await withProvenance(() =>
      only(client(typical).forEachAccount((account) => account.getAccountSummary())),
    );
    expect(result).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, Users: 4 });
    expect(requests).toEqual([
      { method: 'POST', path: 'caller/eu-west-1/sts/GetCallerIdentity', status: 200 },
      { method: 'POST', path: '222222222222/eu-west-1/iam/GetAccountSummary', status: 200 },
    ]);
    expect(JSON.stringify(requests)).not.toContain(KEY);
    expect(awsOf(typical).calls.map((call) => [call.service, call.operation, call.account])).toEqual([
      ['sts', 'GetCallerIdentity', '222222222222'],
      ['iam', 'GetAccountSummary', '222222222222'],
    ]);
  });

  test('credential report: Generate, then Get polled while ReportInProgress; a report under 4 h costs 2 calls', async () => {
    const sandbox = await startSandbox({ scenario: scenarioPath('aws/typical.yaml') });
    try {
      const { result, requests } = await withProvenance(() =>
        only(client(sandbox).forEachAccount((account) => account.credentialReport())),
      );
      expect(result.rows.map((row) => row.user)).toEqual([
        '<root_account>',
        'alice',
        'bob',
        'carol',
        'deploy',
      ]);
      expect(
        requests
          .filter((request) => request.path.includes('/iam/'))
          .map((request) => `${request.path.split('/').pop()} ${request.status}`),
      ).toEqual([
        'GenerateCredentialReport 200',
        'GetCredentialReport 404',
        'GetCredentialReport 404',
        'GetCredentialReport 200',
      ]);
      // Within four hours AWS hands back the same report: Generate answers COMPLETE at once.
      const again = await withProvenance(() =>
        only(client(sandbox).forEachAccount((account) => account.credentialReport())),
      );
      expect(again.result.generatedTime).toBe(result.generatedTime);
      expect(again.requests.filter((request) => request.path.includes('/iam/'))).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });

  test('no password policy is evidence (null), not an error', async () => {
    expect(await only(client(typical).forEachAccount((account) => account.getPasswordPolicy()))).toBeNull();
    expect(
      await only(client(compliant).forEachAccount((account) => account.getPasswordPolicy())),
    ).toMatchObject({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
    });
  });

  test('AWS_ENDPOINT_URL is honoured when annexa.yaml names no endpoint', async () => {
    process.env.AWS_ENDPOINT_URL = awsOf(compliant).url;
    try {
      const parsed = awsConfigSchema.parse({ name: 'prod', type: 'aws', region: 'eu-west-1' });
      const viaEnv = createAwsClient(parsed, { log, signal: new AbortController().signal }, FAST);
      expect((await viaEnv.accounts()).accounts.map((account) => account.id)).toEqual(['111111111111']);
      expect(await only(viaEnv.forEachAccount((account) => account.accountPublicAccessBlock()))).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});

describe('retries and errors', () => {
  test('Throttling is retried (adaptive) and the answer is what a clean call gives', async () => {
    const aws = awsOf(typical);
    const clean = await only(client(typical).forEachAccount((account) => account.getAccountSummary()));
    aws.resetCalls();
    aws.setFaults({ throttle: { first: 2, service: 'iam' } });
    const { result, requests } = await withProvenance(() =>
      only(client(typical).forEachAccount((account) => account.getAccountSummary())),
    );
    expect(result).toEqual(clean);
    expect(
      aws.calls.filter((call) => call.service === 'iam').map((call) => [call.status, call.throttled]),
    ).toEqual([
      [400, true],
      [400, true],
      [200, false],
    ]);
    // Every attempt is provenance: the two throttled ones too.
    expect(
      requests
        .filter((request) => request.path.endsWith('GetAccountSummary'))
        .map((request) => request.status),
    ).toEqual([400, 400, 200]);
  });

  test('throttled past the attempts: rate-limited, naming the action', async () => {
    awsOf(typical).setFaults({ throttle: { first: 10, service: 'cloudtrail' } });
    try {
      const [unit] = await client(typical, {}, { ...FAST, maxAttempts: 2 }).forEachAccount((account) =>
        account.describeTrails('eu-west-1'),
      );
      expect(unit?.ok).toBe(false);
      const error = unit?.ok === false ? unit.error : undefined;
      expect(error?.code).toBe('rate-limited');
      expect(error?.message).toBe(
        'AWS answered ThrottlingException (400) to cloudtrail:DescribeTrails in account 222222222222 (eu-west-1): still throttled after adaptive retries',
      );
    } finally {
      awsOf(typical).setFaults({});
    }
  });

  test('AccessDenied is forbidden with the IAM action to grant; a region not enabled is forbidden too (not-assessable)', async () => {
    const world = (await loadScenario(scenarioPath('aws/typical.yaml'))) as SandboxScenario;
    const account = world.aws?.accounts?.[0];
    if (!account) throw new Error('no account');
    account.denied = ['iam:GetAccountAuthorizationDetails', 's3:GetAccountPublicAccessBlock'];
    const sandbox = await startSandbox({ scenario: world });
    try {
      const denied = client(sandbox);
      const [gaad] = await denied.forEachAccount(async (target) => {
        for await (const _page of target.authorizationDetails()) {
          // read every page
        }
      });
      expect(gaad?.ok === false && gaad.error.code).toBe('forbidden');
      expect(gaad?.ok === false && gaad.error.message).toBe(
        'AWS answered AccessDenied (403) to iam:GetAccountAuthorizationDetails in account 222222222222 (eu-west-1): grant iam:GetAccountAuthorizationDetails to the role Annexa uses (see policies/annexa-aws-readonly.json)',
      );
      const [pab] = await denied.forEachAccount((target) => target.accountPublicAccessBlock());
      expect(pab?.ok === false && pab.error.message).toMatch(
        /to s3:GetAccountPublicAccessBlock in account 222222222222 .*grant s3:GetAccountPublicAccessBlock/,
      );
      const [optIn] = await client(sandbox, { regions: ['ap-south-1'] }).forEachRegion((target, region) =>
        target.ebsEncryptionByDefault(region),
      );
      expect(optIn?.ok === false && [optIn.error.code, optIn.region]).toEqual(['forbidden', 'ap-south-1']);
      expect(optIn?.ok === false && optIn.error.message).toMatch(
        /OptInRequired .*not enabled for this account/,
      );
    } finally {
      await sandbox.close();
    }
  });

  test('unknown credentials are auth; an unreachable endpoint is upstream', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIANOTKNOWN00000000';
    try {
      const error = await client(typical)
        .accounts()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe('auth');
      expect((error as ConnectorError).message).not.toContain('AKIANOTKNOWN');
    } finally {
      process.env.AWS_ACCESS_KEY_ID = KEY;
    }
    const offline = createAwsClient(
      awsConfigSchema.parse({ name: 'x', type: 'aws', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' }),
      { log, signal: new AbortController().signal },
      { ...FAST, maxAttempts: 1 },
    );
    const down = await offline.accounts().catch((caught: unknown) => caught);
    expect((down as ConnectorError).code).toBe('upstream');
    expect((down as ConnectorError).message).toMatch(/^AWS answered \w+ to sts:GetCallerIdentity/);
  });
});

describe('read-only', () => {
  test('the guard refuses a write before it is signed or sent; the sandbox refuses and records one sent anyway', async () => {
    const aws = awsOf(typical);
    aws.resetCalls();
    const guarded = new IAMClient({ region: 'us-east-1', endpoint: aws.url, maxAttempts: 1 });
    guarded.middlewareStack.use(
      annexaPlugin({ service: 'iam', account: '222222222222', region: 'us-east-1' }) as never,
    );
    const outcome = await withProvenanceSettled(() =>
      guarded.send(new CreateUserCommand({ UserName: 'mallory' })),
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && (outcome.error as Error).message).toBe(
      'refusing to send iam:CreateUser: Annexa only reads',
    );
    expect(outcome.requests).toEqual([]);
    expect(aws.calls).toEqual([]);

    const unguarded = new IAMClient({ region: 'us-east-1', endpoint: aws.url, maxAttempts: 1 });
    await expect(unguarded.send(new CreateUserCommand({ UserName: 'mallory' }))).rejects.toThrow(/read-only/);
    expect(aws.calls).toEqual([
      expect.objectContaining({ operation: 'CreateUser', status: 403, mutating: true }),
    ]);
  });
});

describe('accounts, regions and scope', () => {
  let large: Sandbox;
  beforeAll(async () => {
    large = await startSandbox({ scenario: scenarioPath('aws/large.yaml') });
  });
  afterAll(async () => {
    await large.close();
  });

  test('fromOrganization: 20 accounts through one role name, scope exclusions recorded, not called', async () => {
    const aws = awsOf(large);
    aws.resetCalls();
    const estate = client(large, {
      accounts: { roleName: 'annexa-audit', fromOrganization: true },
      scope: { accounts: { exclude: ['100000000019'] } },
    });
    const { accounts } = await estate.accounts();
    expect(accounts).toHaveLength(20);
    expect(accounts.filter((account) => !account.inScope)).toEqual([
      {
        id: '100000000019',
        inScope: false,
        reason: 'an active account of the organization; in scope.accounts.exclude',
      },
    ]);
    const summaries = await estate.forEachAccount((account) => account.getAccountSummary());
    expect(summaries.map((unit) => unit.account)).toEqual(accounts.filter((a) => a.inScope).map((a) => a.id));
    expect(summaries.every((unit) => unit.ok)).toBe(true);
    expect(aws.calls.filter((call) => call.operation === 'AssumeRole')).toHaveLength(19);
    expect(aws.calls.some((call) => call.account === '100000000019')).toBe(false);
  });

  test('all-enabled regions come from DescribeRegions; scope.regions filters them', async () => {
    const estate = client(large, { regions: 'all-enabled', scope: { regions: { exclude: ['sa-east-1'] } } });
    const units = await estate.forEachRegion(async (_account, region) => region);
    expect(units).toHaveLength(16);
    expect(units.map((unit) => unit.region)).not.toContain('sa-east-1');
  });

  test('an account whose role cannot be assumed fails alone, naming sts:AssumeRole and the role', async () => {
    const estate = client(large, {
      accounts: { roleName: 'annexa-audit', ids: ['100000000001', '999999999999'] },
    });
    const units = await estate.forEachAccount((account) => account.getAccountSummary());
    expect(units.map((unit) => [unit.account, unit.ok])).toEqual([
      ['100000000001', true],
      ['999999999999', false],
    ]);
    const failed = units[1];
    expect(failed?.ok === false && failed.error.code).toBe('forbidden');
    expect(failed?.ok === false && failed.error.message).toMatch(
      /to sts:AssumeRole in account 999999999999 .*\(role arn:aws:iam::999999999999:role\/annexa-audit\)$/,
    );
  });
});

test('no log line holds the secret key', () => {
  expect(logLines.join('\n')).not.toContain(SECRET);
});
