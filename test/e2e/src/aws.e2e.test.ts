import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DriftReport, driftReportSchema } from '@annexa/core';
import {
  loadScenario,
  type Sandbox,
  type SandboxScenario,
  scenarioPath,
  startSandbox,
} from '@annexa/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { annexa, DEMO_DIR } from './cli-harness.js';

const ACCESS_KEY = 'AKIASANDBOX000000001';
const SECRET_KEY = 'sandboxSecretNotARealOne0000000000000001';
// The standard AWS chain reads these; nothing else of the developer's AWS setup reaches the child process.
const AWS_ENV = { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A workspace with the demo SoA (5.23 excluded, to see the exclusion contradicted) and one AWS instance. */
async function workspace(endpoint: string, extra: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-e2e-aws-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(join(DEMO_DIR, 'risks.yaml'), join(dir, 'risks.yaml'));
  const soa = await readFile(join(DEMO_DIR, 'soa.yaml'), 'utf8');
  const excluded = soa.replace(
    /( {2}- id: "5\.23"\n)(?: {4}.*\n)+/,
    '$1    applicable: false\n    justification: We use no cloud services\n',
  );
  expect(excluded).not.toBe(soa);
  await writeFile(join(dir, 'soa.yaml'), excluded);
  await writeFile(
    join(dir, 'annexa.yaml'),
    [
      'locker: ./evidence',
      'soa: ./soa.yaml',
      'risks: ./risks.yaml',
      'connectors:',
      '  - name: prod',
      '    type: aws',
      '    region: eu-west-1',
      '    regions: all-enabled',
      `    endpoint: ${endpoint}`,
      ...extra,
      '',
    ].join('\n'),
  );
  return dir;
}

function findings(report: DriftReport, kind: string, control: string) {
  return report.findings.filter((finding) => finding.kind === kind && finding.control === control);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('a typical AWS account', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: scenarioPath('aws/typical.yaml') });
  });
  afterAll(() => sandbox.close());

  test('collect stores 11 evidence records; drift shows failing controls and the contradicted 5.23 exclusion', async () => {
    const dir = await workspace(sandbox.aws?.url ?? '');
    const collected = await annexa(['collect'], { cwd: dir, env: AWS_ENV });
    expect(collected.stderr).toBe('');
    expect(collected.code).toBe(0);
    expect(collected.stdout).toMatch(/11 evidence records from 1 connector instance/);

    const drift = await annexa(['drift', '--json'], { cwd: dir, env: AWS_ENV });
    expect(drift.code).toBe(1);
    const report = driftReportSchema.parse(JSON.parse(drift.stdout));
    expect(findings(report, 'failing', '8.5')[0]?.checks).toEqual(
      expect.arrayContaining(['aws_iam_console_users_mfa', 'aws_iam_root_mfa_enabled']),
    );
    expect(findings(report, 'failing', '8.2')[0]?.checks).toEqual(
      expect.arrayContaining(['aws_iam_root_access_keys_absent', 'aws_iam_no_full_admin_policies']),
    );
    expect(findings(report, 'failing', '8.24')[0]?.checks).toEqual(
      expect.arrayContaining(['aws_s3_bucket_default_encryption', 'aws_ec2_ebs_encryption_by_default']),
    );
    const [cloud] = findings(report, 'contradicted-exclusion', '5.23');
    expect(cloud?.message).toMatch(/1 AWS account is in use \(222222222222\)/);

    // Read-only: every call the fake saw is a read (or GenerateCredentialReport / AssumeRole); no secret stored.
    expect(sandbox.aws?.calls.filter((call) => call.mutating)).toEqual([]);
    for (const file of await filesUnder(join(dir, 'evidence'))) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(ACCESS_KEY);
    }
    expect(collected.stdout + drift.stdout + drift.stderr).not.toContain(SECRET_KEY);
  });
});

describe('a role without GetAccountAuthorizationDetails, and a region not enabled', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    const world = (await loadScenario(scenarioPath('aws/compliant.yaml'))) as SandboxScenario;
    const account = world.aws?.accounts?.[0];
    if (!account) throw new Error('no account');
    account.denied = ['iam:GetAccountAuthorizationDetails'];
    sandbox = await startSandbox({ scenario: world });
  });
  afterAll(() => sandbox.close());

  test('collect exits 3 naming the IAM action; the region outside the account is not assessable', async () => {
    const dir = await workspace(sandbox.aws?.url ?? '', [
      '    scope:',
      '      regions: { exclude: [us-east-1] }',
    ]);
    const collected = await annexa(['collect'], { cwd: dir, env: AWS_ENV });
    expect(collected.code).toBe(3);
    expect(collected.stdout).toMatch(
      /not assessable: prod aws\.iam-authorization-details: AWS answered AccessDenied \(403\) to iam:GetAccountAuthorizationDetails .*grant iam:GetAccountAuthorizationDetails/,
    );
    // The excluded region is recorded as out of scope, and nothing was asked of it.
    type Stored = { collector: { id: string }; data: { accounts: { regions: unknown[] }[] } };
    const records = await Promise.all(
      (await filesUnder(join(dir, 'evidence', 'evidence'))).map(
        async (file) => JSON.parse(await readFile(file, 'utf8')) as Stored,
      ),
    );
    const accounts = records.find((record) => record.collector?.id === 'aws.accounts');
    expect(accounts?.data.accounts[0]?.regions).toEqual([
      { id: 'eu-west-1', inScope: true, reason: 'enabled in the account' },
      { id: 'us-east-1', inScope: false, reason: 'enabled in the account; in scope.regions.exclude' },
    ]);
    expect(sandbox.aws?.calls.some((call) => call.region === 'us-east-1')).toBe(false);
    // Its bucket is listed as out of scope, not read.
    const buckets = records.find((record) => record.collector?.id === 'aws.s3-buckets') as unknown as {
      data: { accounts: { data: { outOfScope: unknown[] } }[] };
    };
    expect(buckets.data.accounts[0]?.data.outOfScope).toEqual([
      { name: 'acme-site-assets', region: 'us-east-1', outOfScope: true },
    ]);
  });
});
